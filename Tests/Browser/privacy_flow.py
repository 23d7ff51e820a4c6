#!/usr/bin/env python3
"""The privacy officer's workspace in a real headless Chromium, against `parcours serve` on loopback.

A store with a clinician who follows generated participants, a clinician of another organization
who breaks the glass on one of them (through the command line), and a privacy officer. She signs
in (setting up the second factor), sees both logs' checkpoints, runs the verification (the page
reloads itself until the verdict: intact), searches the access log and opens a record's proof of
inclusion, finds the break-glass read in the review queue and marks it reviewed with a comment;
uploads a zip of the log's export (`parcours export log`) and sees it verified "intact", updates a
confidentiality incident of the register, and downloads a participant's report (Chromium's own
download: a neutral file name, the report's text).
Every page is saved as a screenshot under .build/screenshots/ and scanned with axe-core, in French
and in English: no serious or critical violation is allowed. Synthetic data only; a throwaway store.
"""
import json, os, subprocess, sys, time, urllib.request, zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from clinician_flow import start_browser, start_server, set_up_second_factor, parcours, scan, scratch, check, submit, failures, SHOTS, ADMIN, CLIN, MASTER

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

OFFICER = "phrase-responsable-navigateur"
JUSTIFICATION = "Appel de la ligne d'urgence : danger imminent signalé ce soir"


def main():
    SHOTS.mkdir(parents=True, exist_ok=True)
    store = scratch("parcours-privacy-")
    parcours(store, "init", "--demo", "--origin", "navigateur.example/confidentialite", "--admin", "admin-nav", passphrase=ADMIN)
    for actor, org in [("clin-0001", "En Marge 12-17"), ("clin-0002", "Autre Organisme")]:
        parcours(store, "actor", "add", actor, "--name", "Personne Exemple", "--organization", org, "--roles", "clinician",
                 "--as", "admin-nav", passphrase=ADMIN, new=CLIN)
    parcours(store, "actor", "add", "rprp-0001", "--name", "Responsable Exemple", "--organization", "En Marge 12-17",
             "--roles", "privacy-officer", "--as", "admin-nav", passphrase=ADMIN, new=OFFICER)
    parcours(store, "demo", "generate", "--participants", "3", "--as", "clin-0001", passphrase=CLIN)
    caseload = json.loads(parcours(store, "caseload", "--as", "clin-0001", "--json", passphrase=CLIN))
    participant = caseload["participants"][0]["participant"]
    parcours(store, "journey", participant, "--as", "clin-0002", "--break-glass", JUSTIFICATION, passphrase=CLIN)
    incident = Path(store) / "incident.json"
    incident.write_text(json.dumps({"categories": ["identity"], "circumstances": "Courriel envoyé au mauvais destinataire",
                                    "occurredFrom": "2025-10-01", "occurredApproximate": False, "learnedOn": "2025-10-02",
                                    "personsConcerned": 1, "personsApproximate": False, "riskAssessment": "Destinataire tenu au secret ; risque faible",
                                    "seriousInjuryRisk": False, "measures": "Courriel supprimé"}))
    parcours(store, "incident", "record", "--as", "rprp-0001", str(incident), passphrase=OFFICER)
    exported = Path(scratch("parcours-export-")) / "export"
    parcours(store, "export", "log", "--out", str(exported), "--as", "admin-nav", passphrase=ADMIN)
    archive = exported.parent / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for file in sorted(exported.iterdir()): zipped.write(file, "export/" + file.name)
    downloads = scratch("parcours-downloads-")
    env = dict(os.environ, PARCOURS_STORE=store, PARCOURS_MASTER_PASSPHRASE=MASTER)
    server, base = start_server(env)
    driver = start_browser(downloads)
    pages = []  # (screenshot name, path, words in English) to see again in English
    try:
        driver.get(base + "/connexion")
        driver.find_element(By.ID, "actor").send_keys("rprp-0001")
        driver.find_element(By.ID, "passphrase").send_keys(OFFICER)
        submit(driver, "form.sign-in button", lambda d: d.current_url.endswith("/second-facteur"))
        set_up_second_factor(driver, home="Protection des renseignements")
        check(driver.current_url.endswith("/confidentialite"), "signed in with the second factor, the privacy officer's home is her workspace")
        page = driver.page_source
        check("Journal des événements" in page and "Journal des accès" in page, "both logs are listed with their checkpoints")
        scan(driver, "20-confidentialite")
        pages.append(("20-confidentialite-en", "/confidentialite", "Latest signed checkpoints"))

        submit(driver, "form[action='/confidentialite/verification'] button", lambda d: "/confidentialite/verification/" in d.current_url)
        verification = driver.current_url[len(base):]
        WebDriverWait(driver, 300).until(lambda d: "Intact" in d.page_source or "Altération" in d.page_source)
        check("Intact : les deux journaux sont intègres." in driver.page_source, "the verification, reloading itself, ends: intact")
        scan(driver, "21-verification")
        pages.append(("21-verification-en", verification, "Intact: both logs are whole."))

        driver.get(base + "/confidentialite/acces?actor=clin-0002")
        rows = driver.find_elements(By.CSS_SELECTOR, "table.access-log tbody tr")
        check(len(rows) >= 1 and "à revoir" in driver.page_source, "the access log search finds the stranger's break-glass read, marked for review")
        scan(driver, "22-journal-des-acces")
        pages.append(("22-journal-des-acces-en", "/confidentialite/acces?actor=clin-0002", "Access log"))
        rows[0].find_element(By.PARTIAL_LINK_TEXT, "preuve").click()
        WebDriverWait(driver, 30).until(lambda d: d.current_url.endswith("/preuve"))
        check("La preuve est valide" in driver.page_source, "the record's proof of inclusion verifies against the signed checkpoint")
        scan(driver, "23-preuve")
        pages.append(("23-preuve-en", driver.current_url[len(base):], "The proof verifies"))

        driver.get(base + "/confidentialite/revue")
        items = [item for item in driver.find_elements(By.CSS_SELECTOR, "article.review-item")
                 if item.find_element(By.TAG_NAME, "h3").text.startswith("Bris de vitre")]
        check(len(items) == 1 and JUSTIFICATION[:20] in driver.page_source, "the break-glass read waits in the review queue, with its justification")
        scan(driver, "24-revue")
        pages.append(("24-revue-en", "/confidentialite/revue", "Accesses to review"))
        if items:
            heading = items[0].find_element(By.TAG_NAME, "h3").get_attribute("id")
            items[0].find_element(By.TAG_NAME, "textarea").send_keys("Urgence confirmée avec l'équipe ; accès justifié.")
            submit(driver, f"article[aria-labelledby='{heading}'] button", lambda d: "revu=1" in d.current_url)
            page = driver.page_source
            check("La revue est inscrite au registre." in page and "Urgence confirmée" in page and f'id="{heading}"' not in page,
                  "marked reviewed: gone from the queue, in the reviewed list with the comment")
            scan(driver, "25-revue-faite")

        driver.get(base + "/confidentialite/registres")
        check("Registre des communications" in driver.page_source and "Registre des incidents de confidentialité" in driver.page_source,
              "the registers: communications and confidentiality incidents")
        scan(driver, "26-registres")
        pages.append(("26-registres-en", "/confidentialite/registres", "Update this incident"))

        details = driver.find_element(By.CSS_SELECTOR, "details.incident-update")
        details.find_element(By.TAG_NAME, "summary").click()
        measures = details.find_element(By.CSS_SELECTOR, "textarea[name='measures']")
        measures.clear()
        measures.send_keys("Courriel supprimé ; le destinataire l'a confirmé par écrit")
        scan(driver, "27-incident-mise-a-jour")
        submit(driver, "details.incident-update button", lambda d: "misajour=1" in d.current_url)
        page = driver.page_source
        check("La mise à jour est inscrite au registre." in page and "confirmé par écrit" in page and "(1 mise" in page,
              "the incident updated through its form: recorded, the register shows the measures and one update")
        scan(driver, "28-incident-mis-a-jour")

        driver.get(base + "/confidentialite")
        driver.find_element(By.ID, "export").send_keys(str(archive))
        submit(driver, "form[action='/confidentialite/verification-export'] button", lambda d: "/confidentialite/verification/" in d.current_url)
        export_verification = driver.current_url[len(base):]
        WebDriverWait(driver, 300).until(lambda d: "Intact" in d.page_source or "Altération" in d.page_source or "aucun verdict" in d.page_source)
        check("les deux journaux de l'export sont intègres" in driver.page_source, "the uploaded export, verified in the background: intact")
        scan(driver, "29-verification-export")
        pages.append(("29-verification-export-en", export_verification, "Intact: both logs of the export are whole."))

        driver.get(base + "/confidentialite")
        driver.find_element(By.ID, "participant").send_keys(participant)
        driver.find_element(By.CSS_SELECTOR, "form[action='/confidentialite/telechargements/rapport-participant'] button").click()
        report = Path(downloads) / "parcours-rapport.txt"
        for _ in range(100):
            if report.exists(): break
            time.sleep(0.1)
        text = report.read_text() if report.exists() else ""
        check(text.startswith("Votre dossier au programme SPHÈRES") and participant in text and "Qui a consulté votre dossier" in text,
              "the participant's report downloads under a neutral name, her record and who opened it")
        check(participant not in driver.current_url, "the participant's id is in no URL")

        driver.get(base + "/confidentialite")
        submit(driver, "form.language button", lambda d: d.title.startswith("Privacy"))
        for name, path, words in pages:
            driver.get(base + path)
            if "/verification/" in path:
                WebDriverWait(driver, 60).until(lambda d: words in d.page_source)
            check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en" and words in driver.page_source,
                  f"{name}: in English ({words})")
            scan(driver, name)
    finally:
        driver.quit()
        server.terminate()
        server.wait(timeout=10)
        log = server.stderr.read()
        check("Fictive" not in log and "phrase" not in log and "Urgence" not in log, "the server's log holds no personal data, comment or passphrase")
    print(f"privacy browser: {len(failures)} failure(s); screenshots in {SHOTS}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
