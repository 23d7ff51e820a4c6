#!/usr/bin/env python3
"""A clinician's day in a real headless Chromium, against `parcours serve` on loopback.

Signs in (setting up the second factor at the first sign-in, the authenticator app played by
Tools/totp), opens the caseload and a journey, records a stage assessment through the form
(first with a field left out: refused beside it), sees it on the journey; opens the list of
acts, the fall plan's form (a row added without script) and the admission form; sees her
sessions, in French and in English; signs out; a
clinician of another organization is refused the journey, then breaks the glass. Every page is saved as a
screenshot under .build/screenshots/ and scanned with axe-core: no serious or critical
violation is allowed. Synthetic data only; the store is a throwaway one.
"""
import atexit, base64, json, os, shutil, socket, ssl, subprocess, sys, tempfile, time, urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait
import axe_core_python

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("PARCOURS_BIN", ROOT / ".build/debug/parcours"))
SHOTS = ROOT / ".build/screenshots"
AXE = (Path(axe_core_python.__file__).parent / "axe.min.js").read_text()
MASTER, ADMIN, CLIN = "phrase-maitresse-navigateur", "phrase-admin-navigateur", "phrase-clinicienne-navigateur"



def scratch(prefix):
    """A new private directory for a throwaway store or download, removed when the script ends (synthetic data, but nothing left behind)."""
    path = tempfile.mkdtemp(prefix=prefix)
    atexit.register(shutil.rmtree, path, True)
    return path

def parcours(store, *args, passphrase=None, new=None):
    env = dict(os.environ, PARCOURS_STORE=store, PARCOURS_MASTER_PASSPHRASE=MASTER)
    if passphrase: env["PARCOURS_PASSPHRASE"] = passphrase
    if new: env["PARCOURS_NEW_PASSPHRASE"] = new
    return subprocess.run([str(BIN), *args], env=env, check=True, capture_output=True, text=True).stdout


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


failures = []


def one_time_code(typed_key):
    """What an authenticator app shows for the key typed into it (Tools/totp: RFC 6238, SHA-1, 30 s, 6 digits)."""
    return subprocess.run([str(ROOT / "Tools/totp"), typed_key], check=True, capture_output=True, text=True).stdout.strip()


def set_up_second_factor(driver, shot=None, english_shot=None, home="Ma charge de cas"):
    """On the set-up page a first sign-in leads to: types the key into the 'app', then its code; `home` begins the title of the page it leads to. Returns the key."""
    WebDriverWait(driver, 30).until(lambda d: d.current_url.endswith("/connexion/second-facteur"))
    if shot: scan(driver, shot)
    if english_shot:
        submit(driver, "form.language button", lambda d: d.title.startswith("Set up the second factor"))
        scan(driver, english_shot)
        submit(driver, "form.language button", lambda d: d.title.startswith("Configurer le second facteur"))
    key = driver.find_element(By.CSS_SELECTOR, ".typed-key code").text
    driver.find_element(By.ID, "code").send_keys(one_time_code(key))
    submit(driver, "form.sign-in button", lambda d: d.title.startswith(home))
    return key


def start_server(env):
    """`parcours serve` on a free loopback port, its log kept (stderr) for the checks; returns it and its base URL once it answers."""
    port = free_port()
    server = subprocess.Popen([str(BIN), "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://localhost:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/connexion", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    return server, base


def start_browser(downloads=None):
    """Debian's headless Chromium through its driver, speaking Canadian French first; files it downloads go to `downloads`."""
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000", "--lang=fr-CA"]:
        options.add_argument(argument)
    if downloads:
        options.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
    # Chromium's own temporary files (its profile, singleton socket) go to a directory removed at the end, not /tmp.
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"), env=dict(os.environ, TMPDIR=scratch("parcours-chromium-")))
    driver = webdriver.Chrome(service=service, options=options)
    if downloads:
        driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    driver.set_script_timeout(30)
    return driver


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition: failures.append(what)


def submit(driver, selector, until):
    """Clicks a form's button and waits for the page it leads to (a click does not wait for the navigation)."""
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, selector).click()
    WebDriverWait(driver, 30).until(lambda d: _stale(old) and until(d))


def _stale(element):
    try:
        element.is_enabled()
        return False
    except Exception:
        return True


def scan(driver, name):
    """Saves a screenshot of the whole page and runs axe-core on the page; serious or critical violations fail."""
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    whole = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                              "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
    (SHOTS / f"{name}.png").write_bytes(base64.b64decode(whole["data"]))  # the whole page, not only what the window shows
    driver.execute_script(AXE)
    result = driver.execute_async_script("const done = arguments[arguments.length - 1]; axe.run(document).then(done);")
    bad = [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]
    for v in bad: print(f"     axe {v['impact']}: {v['id']} — {v['help']} ({len(v['nodes'])} node(s))")
    check(len(result["passes"]) > 10, f"{name}: axe-core ran ({len(result['passes'])} rules passed)")
    check(not bad, f"{name}: no serious or critical accessibility violation ({len(result['violations'])} minor)")


def check_tls(store, env):
    """`serve --tls-cert --tls-key`: HTTPS, with HSTS on every answer."""
    cert, key = Path(store) / "tls-cert.pem", Path(store) / "tls-key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1",
                    "-subj", "/CN=localhost"], check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen([str(BIN), "serve", "--port", str(port), "--tls-cert", str(cert), "--tls-key", str(key)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    context = ssl.create_default_context(cafile=str(cert))
    context.check_hostname = False
    answer = None
    try:
        for _ in range(100):
            try:
                answer = urllib.request.urlopen(f"https://localhost:{port}/connexion", context=context, timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        check(answer is not None and answer.status == 200, "over TLS, the sign-in page answers")
        check(answer is not None and "max-age" in (answer.headers.get("Strict-Transport-Security") or ""), "over TLS, HSTS is sent")
    finally:
        server.terminate()
        server.wait(timeout=10)


def main():
    SHOTS.mkdir(parents=True, exist_ok=True)
    store = scratch("parcours-browser-")
    parcours(store, "init", "--demo", "--origin", "navigateur.example/parcours", "--admin", "admin-nav", passphrase=ADMIN)
    for actor, org in [("clin-0001", "En Marge 12-17"), ("clin-0002", "Autre Organisme")]:
        parcours(store, "actor", "add", actor, "--name", "Personne Exemple", "--organization", org, "--roles", "clinician",
                 "--as", "admin-nav", passphrase=ADMIN, new=CLIN)
    parcours(store, "demo", "generate", "--participants", "3", "--as", "clin-0001", passphrase=CLIN)
    env = dict(os.environ, PARCOURS_STORE=store, PARCOURS_MASTER_PASSPHRASE=MASTER)
    server, base = start_server(env)
    driver = start_browser()
    try:
        driver.get(base + "/")
        check(driver.current_url.endswith("/connexion"), "signed out, the caseload leads to the sign-in page")
        scan(driver, "01-connexion")
        submit(driver, "form.language button", lambda d: d.title.startswith("Sign in"))
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "the sign-in page in English")
        scan(driver, "01-connexion-en")
        submit(driver, "form.language button", lambda d: d.title.startswith("Connexion"))
        driver.find_element(By.ID, "actor").send_keys("clin-0001")
        driver.find_element(By.ID, "passphrase").send_keys("pas-la-bonne-phrase")
        submit(driver, "form.sign-in button", lambda d: "Connexion" in d.title)
        check("Identifiant, phrase de passe ou code incorrect" in driver.page_source, "a wrong passphrase is refused without saying which field")
        scan(driver, "02-connexion-refusee")
        driver.find_element(By.ID, "passphrase").send_keys(CLIN)
        submit(driver, "form.sign-in button", lambda d: d.current_url.endswith("/second-facteur"))  # after the throttle's second
        check("Configurer le second facteur" in driver.page_source, "the first sign-in leads to setting up the second factor, nothing else")
        driver.get(base + "/")
        check(driver.current_url.endswith("/connexion/second-facteur"), "the caseload does not open before the second factor is set up")
        set_up_second_factor(driver, "02b-second-facteur")
        check(driver.title.startswith("Ma charge de cas"), "the app's code confirms the second factor: signed in, the caseload")
        rows = driver.find_elements(By.CSS_SELECTOR, "table.caseload tbody tr")
        check(len(rows) == 3, "the caseload lists the three participants the clinician follows")
        scan(driver, "03-charge-de-cas")
        link = driver.find_element(By.CSS_SELECTOR, "table.caseload a")
        participant = link.text
        link.click()
        WebDriverWait(driver, 30).until(lambda d: participant in d.title)
        check(participant in driver.title and "Le parcours dans la roue" in driver.page_source, "a participant's journey opens")
        check(participant in driver.current_url and "Fictive" not in driver.current_url, "the URL holds the pseudonymous id only")
        journey_path = driver.current_url[len(base):]
        scan(driver, "04-parcours")
        driver.find_element(By.PARTIAL_LINK_TEXT, "Toute la chronologie").click()
        WebDriverWait(driver, 30).until(lambda d: d.current_url.endswith("/chronologie"))
        check(len(driver.find_elements(By.CSS_SELECTOR, "ol.timeline li")) > 20, "the whole timeline lists every act, beyond the journey's latest 20")
        scan(driver, "04b-chronologie")
        driver.find_element(By.LINK_TEXT, "Retour au parcours").click()
        WebDriverWait(driver, 30).until(lambda d: d.current_url.endswith(journey_path))
        driver.find_element(By.PARTIAL_LINK_TEXT, "Consigner une évaluation").click()
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.ID, "engagementStep"))
        scan(driver, "05-evaluation")
        Select(driver.find_element(By.ID, "engagementStep")).select_by_value("reflection-and-dilemma")
        driver.find_element(By.ID, "importance").send_keys("7")
        driver.find_element(By.ID, "confidence").send_keys("4")
        driver.find_element(By.ID, "personSaid").send_keys("Je veux essayer autrement")
        driver.execute_script("document.querySelector('form.act').noValidate = true")  # let the server refuse it
        submit(driver, "form.act button", lambda d: "Rien n'a été enregistré" in d.page_source)
        check("Rien n'a été enregistré" in driver.page_source and "choisissez un stade" in driver.page_source,
              "a stage left out is refused beside its field, nothing recorded")
        check(driver.find_element(By.ID, "personSaid").get_attribute("value") == "Je veux essayer autrement", "nothing typed is lost")
        scan(driver, "06-evaluation-refusee")
        Select(driver.find_element(By.ID, "wheelStage")).select_by_value("relapse")
        submit(driver, "form.act button", lambda d: participant in d.title)
        page = driver.page_source
        check("enregistrée" in page and "pas une règle" in page, "recorded: the journey shows it, with the unusual pair's warning")
        check("réflexion et dilemme" in page, "the journey shows the new step")
        scan(driver, "07-evaluation-enregistree")
        driver.find_element(By.LINK_TEXT, "Consigner un acte").click()
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.ID, "moment-plans"))
        check("Plan de chute" in driver.page_source and "Divulgation exigée par la loi" in driver.page_source,
              "the acts one may record are listed by moment")
        acts_path = driver.current_url[len(base):]
        scan(driver, "07a-actes")
        driver.find_element(By.LINK_TEXT, "Plan de chute").click()
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.ID, "riskSituations-0-situation"))
        fall_plan_path = driver.current_url[len(base):]
        check("comportementaux" in driver.page_source, "the fall plan names its four kinds of signals")
        driver.find_element(By.ID, "riskSituations-1-situation").send_keys("Une fête")
        submit(driver, "button[name=_ajouter][value=riskSituations]", lambda d: d.find_elements(By.ID, "riskSituations-2-situation"))
        check(driver.find_element(By.ID, "riskSituations-0-situation").get_attribute("value") == "Une fête",
              "a row more, without script, what was typed kept")
        scan(driver, "07b-plan-de-chute")
        Select(driver.find_element(By.ID, "riskSituations-0-signalKind")).select_by_value("situational")
        driver.find_element(By.ID, "riskSituations-0-copingStrategies").send_keys("Appeler l'intervenante")
        submit(driver, "form.act > p > button:not([name])", lambda d: participant in d.title)
        check("Plan de chute enregistré" in driver.page_source, "one row filled, the blank rows left: the fall plan is recorded")
        driver.get(base + "/admission")
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.ID, "identity-name"))
        scan(driver, "07c-admission")
        driver.find_element(By.LINK_TEXT, "Mes sessions").click()
        WebDriverWait(driver, 30).until(lambda d: d.title.startswith("Mes sessions"))
        check("cette session" in driver.page_source and "Chromium" in driver.page_source, "her sessions, this one marked, by browser")
        scan(driver, "07d-sessions")
        submit(driver, "form.language button", lambda d: d.title.startswith("My sessions"))
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "the switch speaks English, on the same page")
        scan(driver, "07e-sessions-en")
        # Every page again, in English: the same checks, the words of the other language.
        for name, path, words in [("03-charge-de-cas-en", "/", "My caseload"), ("04-parcours-en", journey_path, "The path through the wheel"),
                                  ("04b-chronologie-en", journey_path + "/chronologie", "The whole timeline"),
                                  ("05-evaluation-en", journey_path + "/evaluation", "Stage assessment"),
                                  ("07a-actes-en", acts_path, "Fall plan"), ("07b-plan-de-chute-en", fall_plan_path, "behavioural"),
                                  ("07c-admission-en", "/admission", "Admission")]:
            driver.get(base + path)
            check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en" and words in driver.page_source,
                  f"{name}: in English ({words})")
            scan(driver, name)
        driver.get(base + "/sessions")
        submit(driver, "form.language button", lambda d: d.title.startswith("Mes sessions"))
        submit(driver, ".sign-out button", lambda d: d.current_url.endswith("/connexion"))
        check(driver.current_url.endswith("/connexion"), "signed out")
        driver.get(base + "/")
        check(driver.current_url.endswith("/connexion"), "after sign-out, nothing opens without signing in again")
        driver.find_element(By.ID, "actor").send_keys("clin-0002")
        driver.find_element(By.ID, "passphrase").send_keys(CLIN)
        submit(driver, "form.sign-in button", lambda d: d.current_url.endswith("/second-facteur"))
        set_up_second_factor(driver, english_shot="02c-second-facteur-en")
        driver.get(f"{base}/participants/{participant}")
        page = driver.page_source
        check("Accès refusé" in page and "Fictive" not in page, "a clinician of another organization is refused, and sees nothing of the record")
        scan(driver, "08-acces-refuse")
        driver.find_element(By.ID, "justification").send_keys("Appel de la ligne d'urgence : danger imminent signalé ce soir")
        submit(driver, "form.glass-form button", lambda d: "bris de vitre" in d.page_source)
        page = driver.page_source
        check("Accès par bris de vitre" in page and "Le parcours dans la roue" in page,
              "with a written justification she breaks the glass: the record opens, under a banner")
        scan(driver, "09-bris-de-vitre")
        submit(driver, "form.language button", lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
        check("Break-glass access" in driver.page_source and "Close it now" in driver.page_source,
              "the glass stays broken for the day: the record, in English, under its banner")
        scan(driver, "09-bris-de-vitre-en")
        submit(driver, ".glass button", lambda d: d.title.startswith("My caseload"))
        driver.get(f"{base}/participants/{participant}")
        check("Access refused" in driver.page_source and "Fictive" not in driver.page_source, "closed, the record is refused again")
        scan(driver, "08-acces-refuse-en")
    finally:
        driver.quit()
        server.terminate()
        server.wait(timeout=10)
        log = server.stderr.read()
        check("Fictive" not in log and "phrase" not in log, "the server's log holds no personal data and no passphrase")
    check_tls(store, env)
    print(f"browser: {len(failures)} failure(s); screenshots in {SHOTS}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
