#!/usr/bin/env python3
"""A researcher's visit in a real headless Chromium, against `parcours serve` on loopback.

A throwaway demo store with synthetic participants (a third of them consent to research), a
researcher enrolled by the administrator. She signs in (setting up her second factor), lands on
her workspace, asks for an export with a bad project name (refused beside the field, nothing
made), then for a de-identified export with k = 5: its manifest says k >= 5, measured; she
downloads participants.csv (Chromium's own download), whose bytes are the file on the server.
Every page is screenshot and scanned with axe-core, in French and in English. Synthetic data only.
"""
import os, subprocess, sys, time, urllib.error, urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from clinician_flow import start_browser, start_server, set_up_second_factor, parcours, scan, scratch, check, submit, failures, SHOTS, ADMIN, CLIN, MASTER

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

RESEARCH = "Recherche : exports dépersonnalisés"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main():
    SHOTS.mkdir(parents=True, exist_ok=True)
    store = scratch("parcours-browser-research-")
    downloads = scratch("parcours-downloads-")
    parcours(store, "init", "--demo", "--origin", "navigateur.example/parcours", "--admin", "admin-nav", passphrase=ADMIN)
    parcours(store, "actor", "add", "clin-0001", "--name", "Personne Exemple", "--organization", "En Marge 12-17", "--roles", "clinician",
             "--as", "admin-nav", passphrase=ADMIN, new=CLIN)
    parcours(store, "actor", "add", "rech-0001", "--name", "Personne Exemple", "--organization", "Université Exemple", "--roles", "researcher",
             "--as", "admin-nav", passphrase=ADMIN, new=CLIN)
    # A third of the synthetic participants consent to research (some withdraw): enough for k = 5.
    parcours(store, "demo", "generate", "--participants", "60", "--as", "clin-0001", passphrase=CLIN)
    env = dict(os.environ, PARCOURS_STORE=store, PARCOURS_MASTER_PASSPHRASE=MASTER)
    server, base = start_server(env)
    driver = start_browser(downloads)
    try:
        driver.get(base + "/connexion")
        driver.find_element(By.ID, "actor").send_keys("rech-0001")
        driver.find_element(By.ID, "passphrase").send_keys(CLIN)
        submit(driver, "form.sign-in button", lambda d: d.current_url.endswith("/second-facteur"))
        set_up_second_factor(driver, home=RESEARCH)
        check(driver.current_url.endswith("/recherche"), "signed in, the researcher lands on her workspace")
        nav = driver.find_element(By.CSS_SELECTOR, "nav").text
        check("Recherche" in nav and "charge de cas" not in nav, "her navigation lists research only")
        check(driver.find_element(By.ID, "k").get_attribute("value") == "5", "k is 5 by default")
        check("Vous n'avez encore demandé aucun export" in driver.page_source, "no export yet")
        scan(driver, "r01-recherche")
        submit(driver, "form.language button", lambda d: d.title.startswith("Research"))
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "the workspace in English")
        scan(driver, "r01-recherche-en")
        submit(driver, "form.language button", lambda d: d.title.startswith(RESEARCH))

        driver.find_element(By.ID, "project").send_keys("Trajectoires 2027")
        driver.execute_script("document.getElementById('demande').noValidate = true")  # let the server refuse it
        submit(driver, "#demande button", lambda d: "Aucun export n'a été fait" in d.page_source)
        check(driver.find_element(By.ID, "project-error").is_displayed() and "lettres minuscules" in driver.page_source,
              "a project name the export cannot take is refused beside its field")
        check(driver.find_element(By.ID, "project").get_attribute("value") == "Trajectoires 2027", "what she typed is kept")
        shelf = Path(store) / "research-exports"
        check(not shelf.exists() or not any(shelf.iterdir()), "nothing was made")
        scan(driver, "r02-demande-refusee")
        submit(driver, "form.language button", lambda d: d.title.startswith("Research"))
        driver.find_element(By.ID, "project").send_keys("Trajectoires 2027")
        driver.find_element(By.ID, "kind-aggregate").click()
        driver.execute_script("document.getElementById('demande').noValidate = true")
        submit(driver, "#demande button", lambda d: "No export was made" in d.page_source)
        check(driver.find_element(By.ID, "epsilon-error").is_displayed() and "lowercase letters" in driver.page_source,
              "in English, an aggregate without ε and a bad project name are refused beside their fields")
        scan(driver, "r02-demande-refusee-en")
        submit(driver, "form.language button", lambda d: d.title.startswith(RESEARCH))

        driver.find_element(By.ID, "project").clear()
        driver.find_element(By.ID, "project").send_keys("trajectoires-2027")
        driver.find_element(By.ID, "kind-deidentified").click()
        submit(driver, "#demande button", lambda d: "/recherche/exports/" in d.current_url)
        check("trajectoires" not in driver.current_url, "the export's address holds a random id only")
        export_id = driver.current_url.split("/recherche/exports/")[1].split("?")[0]
        check(len(export_id) == 32, "the export's id is 32 random hexadecimal digits")
        achieved = int(driver.find_element(By.ID, "k-achieved").text)
        check(achieved >= 5, f"the manifest says k >= 5 (measured: {achieved})")
        check(int(driver.find_element(By.ID, "exported").text) >= 5, "at least five people exported")
        check("dépersonnalisés" in driver.find_element(By.ID, "statement").text, "the manifest says it is de-identified information")
        check("L'export est fait et consigné" in driver.page_source, "she is told it is made and recorded")
        scan(driver, "r03-manifeste")
        submit(driver, "form.language button", lambda d: d.title.startswith("Manifest"))
        check("de-identified information" in driver.page_source and "What was generalized" in driver.page_source, "the manifest in English")
        scan(driver, "r03-manifeste-en")
        submit(driver, "form.language button", lambda d: d.title.startswith("Manifeste"))

        driver.find_element(By.CSS_SELECTOR, f"a[href='/recherche/exports/{export_id}/participants.csv']").click()
        downloaded = Path(downloads) / "participants.csv"
        for _ in range(100):
            if downloaded.exists(): break
            time.sleep(0.1)
        on_server = shelf / export_id / "export" / "participants.csv"
        check(downloaded.exists() and downloaded.read_bytes() == on_server.read_bytes(),
              "Chromium downloads participants.csv, the very bytes of the export")
        check("Fictive" not in (downloaded.read_text() if downloaded.exists() else "Fictive"), "no name in the file")
        try:
            urllib.request.build_opener(NoRedirect).open(f"{base}/recherche/exports/{export_id}/participants.csv", timeout=5)
            check(False, "without her session, the file is not served")
        except urllib.error.HTTPError as refused:
            check(refused.code == 303 and "connexion" in (refused.headers.get("Location") or ""), "without her session, the file is not served")

        driver.find_element(By.LINK_TEXT, "Retour à la recherche").click()
        WebDriverWait(driver, 30).until(lambda d: d.title.startswith(RESEARCH))
        check(len(driver.find_elements(By.CSS_SELECTOR, f"a[href='/recherche/exports/{export_id}']")) == 1, "her export is listed")
        scan(driver, "r04-mes-exports")
        submit(driver, "form.language button", lambda d: d.title.startswith("Research"))
        scan(driver, "r04-mes-exports-en")
        submit(driver, "form.language button", lambda d: d.title.startswith(RESEARCH))
    finally:
        driver.quit()
        server.terminate()
        server.wait(timeout=10)
        log = server.stderr.read()
        check("Fictive" not in log and "phrase" not in log, "the server's log holds no personal data and no passphrase")
    print(f"browser (research): {len(failures)} failure(s); screenshots in {SHOTS}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
