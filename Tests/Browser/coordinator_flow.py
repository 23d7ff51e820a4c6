#!/usr/bin/env python3
"""A coordinator's day in a real headless Chromium, against `parcours serve` on loopback.

A throwaway store: an administrator, a clinician following generated participants, a clinician
of another organization, and a coordinator of the first organization. The coordinator signs in
(setting up the second factor at the first sign-in), lands on the program picture — its charts
drawn by the server as SVG images, each followed by its table — in French and in English; asks
a period, and a period that is not one (refused beside its field); opens her organization's
caseloads and one clinician's. Every page is saved as a screenshot under .build/screenshots/
and scanned with axe-core: no serious or critical violation is allowed. Synthetic data only.
"""
import os, subprocess, sys, time, urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import clinician_flow
from clinician_flow import start_browser, start_server, set_up_second_factor, parcours, scan, scratch, check, submit, SHOTS, ADMIN, CLIN, MASTER

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

COORD = "phrase-coordination-navigateur"
CHARTS = ["chart-stages", "chart-steps", "chart-transitions", "chart-relapses", "chart-referrals"]


def sign_in_first_time(driver, base, actor, passphrase):
    """The first sign-in: passphrase, then the second factor set up with the 'app' (Tools/totp)."""
    driver.get(base + "/connexion")
    driver.find_element(By.ID, "actor").send_keys(actor)
    driver.find_element(By.ID, "passphrase").send_keys(passphrase)
    submit(driver, "form.sign-in button", lambda d: d.current_url.endswith("/second-facteur"))
    set_up_second_factor(driver, shot="20-coordination-second-facteur", home="Le portrait du programme")


def check_picture(driver, name, words):
    """The program picture: each chart an image with its title and description, followed by a table."""
    page = driver.page_source
    check(words in page, f"{name}: the program picture ({words})")
    for chart in CHARTS:
        found = driver.find_elements(By.CSS_SELECTOR, f"svg[aria-labelledby='{chart}-title {chart}-desc']")
        check(len(found) == 1 and found[0].get_attribute("role") == "img", f"{name}: {chart} is an image with its title and description")
        table = driver.find_elements(By.XPATH, f"//figure[.//*[@id='{chart}-title']]/following-sibling::*[1]")
        check(bool(table) and table[0].tag_name in ("table", "p"), f"{name}: {chart} is followed by its table (or words saying it is empty)")
    for alarm in ["#8a1c1c", "fill=\"red\"", "échec", "failure"]:
        svgs = "".join(e.get_attribute("outerHTML") for e in driver.find_elements(By.TAG_NAME, "svg"))
        check(alarm not in svgs, f"{name}: no failure colour or word in the charts ({alarm})")


def main():
    SHOTS.mkdir(parents=True, exist_ok=True)
    store = scratch("parcours-coordination-")
    parcours(store, "init", "--demo", "--origin", "coordination.example/parcours", "--admin", "admin-nav", passphrase=ADMIN)
    for actor, org, roles, phrase in [("clin-0001", "En Marge 12-17", "clinician", CLIN), ("clin-0002", "Autre Organisme", "clinician", CLIN),
                                      ("coord-0001", "En Marge 12-17", "coordinator", COORD)]:
        parcours(store, "actor", "add", actor, "--name", "Personne Exemple", "--organization", org, "--roles", roles,
                 "--as", "admin-nav", passphrase=ADMIN, new=phrase)
    parcours(store, "demo", "generate", "--participants", "6", "--as", "clin-0001", passphrase=CLIN)
    env = dict(os.environ, PARCOURS_STORE=store, PARCOURS_MASTER_PASSPHRASE=MASTER)
    server, base = start_server(env)
    driver = start_browser()
    try:
        driver.get(base + "/programme")
        check(driver.current_url.endswith("/connexion"), "signed out, the program leads to the sign-in page")
        sign_in_first_time(driver, base, "coord-0001", COORD)
        check(driver.title.startswith("Le portrait du programme"), "a coordinator's home is the program picture")
        check_picture(driver, "21-programme", "Où en sont les personnes")
        scan(driver, "21-programme")
        submit(driver, "form.language button", lambda d: d.title.startswith("The program picture"))
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "the program picture in English")
        check_picture(driver, "21-programme-en", "Where people are")
        scan(driver, "21-programme-en")
        submit(driver, "form.language button", lambda d: d.title.startswith("Le portrait du programme"))
        # A period asked through the form (date fields take what a script sets), then one that is not a period.
        driver.execute_script("document.getElementById('du').value = '2024-07-01'; document.getElementById('au').value = '2025-12-31';")
        submit(driver, "form.period button", lambda d: "du=2024-07-01" in d.current_url)
        check("Période affichée : du 2024-07-01 au 2025-12-31." in driver.page_source, "a period asked through the form is shown")
        months = driver.find_elements(By.XPATH, "//figure[.//*[@id='chart-relapses-title']]/following-sibling::table[1]/tbody/tr")
        check(len(months) == 18, f"the relapses' table has a row per month of the period ({len(months)})")
        scan(driver, "22-programme-periode")
        driver.get(base + "/programme?du=2026-02-30&au=2026-06-30")
        check("Date non reconnue" in driver.page_source and driver.find_element(By.ID, "du").get_attribute("aria-invalid") == "true",
              "a day that does not exist is refused beside its field, saying what is accepted")
        check(not driver.find_elements(By.TAG_NAME, "svg") and driver.find_elements(By.CSS_SELECTOR, "nav a"),
              "nothing is drawn from a refused period, and the page still works")
        scan(driver, "23-programme-periode-refusee")
        submit(driver, "form.language button", lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
        driver.get(base + "/programme?du=2026-02-30&au=2026-06-30")  # the switch comes back to the page, not to its query
        check("Date not recognized" in driver.page_source, "the refusal in English")
        scan(driver, "23-programme-periode-refusee-en")
        submit(driver, "form.language button", lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr")
        driver.get(base + "/programme")
        driver.find_element(By.LINK_TEXT, "Les charges de cas de votre organisation").click()
        WebDriverWait(driver, 30).until(lambda d: d.current_url.endswith("/programme/charges"))
        rows = driver.find_elements(By.CSS_SELECTOR, "table.caseloads tbody tr")
        check(len(rows) == 1 and "clin-0001" in rows[0].text and "clin-0002" not in driver.page_source,
              "the organization's caseloads list its clinician only")
        scan(driver, "24-charges")
        driver.find_element(By.LINK_TEXT, "clin-0001").click()
        WebDriverWait(driver, 30).until(lambda d: d.current_url.endswith("/programme/charges/clin-0001"))
        check(len(driver.find_elements(By.CSS_SELECTOR, "table.caseload tbody tr")) == 6, "the clinician's caseload lists her six participants")
        scan(driver, "25-charge-clinicienne")
        for name, path, words in [("24-charges-en", "/programme/charges", "The organization's caseloads"),
                                  ("25-charge-clinicienne-en", "/programme/charges/clin-0001", "Caseload of")]:
            driver.get(base + path)
            if name == "24-charges-en":
                submit(driver, "form.language button", lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
            check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en" and words in driver.page_source, f"{name}: in English ({words})")
            scan(driver, name)
        driver.get(base + "/programme/charges/clin-0002")
        check("Access refused" in driver.page_source and "table class=\"caseload\"" not in driver.page_source,
              "another organization's clinician's caseload is refused")
        scan(driver, "26-charge-autre-organisme-en")
    finally:
        driver.quit()
        server.terminate()
        server.wait(timeout=10)
        log = server.stderr.read()
        check("Fictive" not in log and "phrase" not in log, "the server's log holds no personal data and no passphrase")
    print(f"coordinator browser: {len(clinician_flow.failures)} failure(s); screenshots in {SHOTS}")
    return 1 if clinician_flow.failures else 0


if __name__ == "__main__":
    sys.exit(main())
