#!/usr/bin/env python3
"""The administrator's workspace in a real headless Chromium, against `parcours serve` on loopback.

The administrator signs in (second factor set up at the first sign-in), reads the directory,
makes a backup, enrols a person (a refusal first, beside its field), and hands her the one-time link; the
person opens it, chooses her own passphrase, sets up her second factor and lands on her
caseload; the link then serves no more. Every page is saved as a screenshot under
.build/screenshots/ and scanned with axe-core, in French and in English. Synthetic data only.
"""
import os, sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from clinician_flow import (ADMIN, check, failures, MASTER, parcours, scan, scratch, set_up_second_factor, SHOTS, start_browser, start_server, submit)
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

CHOSEN = "ma phrase de passe choisie par moi"


def in_english(driver, name, words):
    """The same page in English, scanned, then back to French."""
    submit(driver, "form.language button", lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    check(words in driver.page_source, f"{name}: in English ({words})")
    scan(driver, name)
    submit(driver, "form.language button", lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr")


def main():
    SHOTS.mkdir(parents=True, exist_ok=True)
    store = scratch("parcours-browser-admin-")
    parcours(store, "init", "--demo", "--origin", "navigateur.example/parcours", "--admin", "admin-nav", passphrase=ADMIN)
    server, base = start_server(dict(os.environ, PARCOURS_STORE=store, PARCOURS_MASTER_PASSPHRASE=MASTER))
    driver = start_browser()
    try:
        driver.get(base + "/connexion")
        driver.find_element(By.ID, "actor").send_keys("admin-nav")
        driver.find_element(By.ID, "passphrase").send_keys(ADMIN)
        submit(driver, "form.sign-in button", lambda d: d.current_url.endswith("/second-facteur"))
        set_up_second_factor(driver, home="Administration")
        check(driver.current_url.endswith("/administration"), "the administrator's home is the directory")
        check("admin-nav" in driver.page_source and "Inscrire une personne" in driver.page_source, "the directory lists her, and offers to enrol")
        scan(driver, "20-annuaire")
        in_english(driver, "20-annuaire-en", "Enrol a person")
        submit(driver, "form[action='/administration/sauvegarde'] button", lambda d: "Sauvegarde faite" in d.page_source)
        check(len(list((Path(store) / "sauvegardes").glob("parcours-*.sqlite"))) == 1, "a backup is made in the store's backup directory")

        driver.find_element(By.ID, "actor").send_keys("clin-0009")
        driver.find_element(By.ID, "organization").send_keys("En Marge 12-17")
        driver.find_element(By.ID, "role-clinician").click()
        driver.execute_script("document.querySelector('form.act').noValidate = true")  # let the server refuse the name left out
        submit(driver, "form.act button", lambda d: "Rien n'a été enregistré" in d.page_source)
        check(driver.find_elements(By.ID, "name-error") and driver.find_element(By.ID, "actor").get_attribute("value") == "clin-0009",
              "a name left out is refused beside its field, what was typed kept, nothing enrolled")
        scan(driver, "21-inscription-refusee")
        driver.find_element(By.ID, "name").send_keys("Personne Exemple Neuf")
        submit(driver, "form.act button", lambda d: "Lien à usage unique" in d.page_source)
        link = driver.find_element(By.ID, "link").text
        check("/bienvenue/" in link and "clin-0009" not in link, "a one-time link, naming nobody in its address")
        scan(driver, "22-lien-unique")
        driver.find_element(By.LINK_TEXT, "Retour à l'annuaire").click()
        WebDriverWait(driver, 30).until(lambda d: d.current_url.endswith("/administration/acteurs/clin-0009"))
        check("lien en attente" in driver.page_source and "Nouvelle clé" in driver.page_source, "her page: her link waits; roles, key, revocation")
        scan(driver, "23-personne-inscrite")
        in_english(driver, "23-personne-inscrite-en", "link waiting until")
        submit(driver, ".sign-out button", lambda d: d.current_url.endswith("/connexion"))

        driver.get(link)
        check("clin-0009" in driver.page_source and "Choisissez votre phrase de passe" in driver.page_source, "the link opens her welcome")
        scan(driver, "24-bienvenue")
        in_english(driver, "24-bienvenue-en", "Choose your passphrase")
        driver.find_element(By.ID, "passphrase").send_keys(CHOSEN)
        driver.find_element(By.ID, "confirmation").send_keys(CHOSEN + " mais autrement")
        submit(driver, "form.sign-in button", lambda d: "diffèrent" in d.page_source)
        check(driver.find_elements(By.ID, "confirmation-error"), "two different passphrases are refused beside the confirmation")
        driver.find_element(By.ID, "passphrase").send_keys(CHOSEN)
        driver.find_element(By.ID, "confirmation").send_keys(CHOSEN)
        submit(driver, "form.sign-in button", lambda d: d.current_url.endswith("/second-facteur"))
        set_up_second_factor(driver, shot="25-second-facteur-nouvelle")
        check(driver.title.startswith("Ma charge de cas"), "her passphrase and second factor chosen, she is signed in: her caseload")
        driver.get(link)
        check("plus valide" in driver.page_source, "the link serves once")
        scan(driver, "26-lien-use")
    finally:
        driver.quit()
        server.terminate()
        _, errors = server.communicate(timeout=10)
        check(CHOSEN not in errors and "bienvenue/" not in errors, "the server's log holds no passphrase and no link")
    print(f"browser (administration): {len(failures)} failure(s); screenshots in {SHOTS}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
