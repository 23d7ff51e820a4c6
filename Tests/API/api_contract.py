#!/usr/bin/env python3
"""The JSON API against its description, on a live `parcours serve` on loopback.

A throwaway demo store with synthetic participants; a clinician, a coordinator, a privacy officer,
a researcher and an administrator each set up their second factor once (in the real Chromium, as
a person does), then sign in to the API for a bearer session. Then:

- every operation of Schemas/openapi.yaml, asked without a session (and with a made-up token),
  answers 401 with a problem document — nothing is reachable without signing in but the sign-in;
- schemathesis (PyPI) generates requests from the document for each role's session — examples,
  boundary values, then random ones, valid and not — and checks every answer: no 5xx, status,
  content type, headers and body as the document says, bad input refused, auth not ignored.

Synthetic data only; the store is a throwaway one. Exit 1 on any failure.
"""
import atexit, json, os, shutil, subprocess, sys, tempfile, time, urllib.error, urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Browser"))
from clinician_flow import start_browser, start_server, set_up_second_factor, parcours, check, submit, failures, ADMIN, CLIN, MASTER, ROOT

import yaml
from selenium.webdriver.common.by import By

DOCUMENT = ROOT / "Schemas/openapi.yaml"
# (actor, organization, roles, the title her home page begins with)
PEOPLE = [("clin-0001", "En Marge 12-17", "clinician", "Ma charge de cas"),
          ("coord-0001", "En Marge 12-17", "coordinator", "Le portrait du programme"),
          ("rprp-0001", "En Marge 12-17", "privacy-officer", "Protection des renseignements"),
          ("rech-0001", "Université Exemple", "researcher", "Recherche : exports dépersonnalisés"),
          ("admin-api", "Parcours", "admin", "Administration")]
# Ending its own session would end the run's; every other operation is generated.
NOT_GENERATED = ["/api/v1/sessions/current"]


def request(base, method, path, body=None, token=None):
    """One request; returns (status, headers, decoded JSON body or None)."""
    headers = {"Content-Type": "application/json"}
    if token: headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    try:
        with urllib.request.urlopen(urllib.request.Request(base + path, data=data, method=method, headers=headers), timeout=30) as answer:
            raw = answer.read()
            return answer.status, answer.headers, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, error.headers, json.loads(raw) if raw else None


def code(key, step):
    import base64, hashlib, hmac
    text = key.replace(" ", "").upper()
    secret = base64.b32decode(text + "=" * (-len(text) % 8))
    mac = hmac.new(secret, step.to_bytes(8, "big"), hashlib.sha1).digest()
    offset = mac[-1] & 15
    return f"{(int.from_bytes(mac[offset:offset + 4], 'big') & 0x7fffffff) % 1_000_000:06d}"


def second_factors(base):
    """Each person signs in once in the browser and sets up her second factor; returns her key."""
    keys = {}
    driver = start_browser()
    try:
        for actor, _, _, home in PEOPLE:
            driver.delete_all_cookies()
            driver.get(base + "/connexion")
            driver.find_element(By.ID, "actor").send_keys(actor)
            driver.find_element(By.ID, "passphrase").send_keys(ADMIN if actor == "admin-api" else CLIN)
            submit(driver, "form.sign-in button", lambda d: d.current_url.endswith("/second-facteur"))
            keys[actor] = set_up_second_factor(driver, home=home)
    finally:
        driver.quit()
    return keys


def sessions(base, keys):
    """A bearer session each, with a code of a step none of them has used yet (a code is good once)."""
    step = int(time.time() // 30) + 1
    time.sleep(max(0, step * 30 - time.time()) + 0.5)
    tokens = {}
    for actor, _, _, _ in PEOPLE:
        status, _, body = request(base, "POST", "/api/v1/sessions",
                                  {"actor": actor, "passphrase": ADMIN if actor == "admin-api" else CLIN, "code": code(keys[actor], step)})
        check(status == 201 and body and body.get("token"), f"{actor} signs in to the API for a bearer session")
        tokens[actor] = body["token"]
    return tokens


def operations():
    document = yaml.safe_load(DOCUMENT.read_text())
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield method.upper(), path, operation


def nothing_without_a_session(base):
    """Every operation but the sign-in, without a token and with a made-up one: 401, a problem document."""
    for method, path, operation in operations():
        if operation.get("security") == []:
            continue
        concrete = path
        for name, example in [("participant", "P-AAAA1111"), ("seq", "0"), ("export", "x"), ("file", "x"), ("actor", "clin-0001"),
                              ("job", "x"), ("incident", "x")]:
            concrete = concrete.replace("{" + name + "}", example)
        body = {} if method in ("POST", "PUT", "PATCH") else None
        for token, how in [(None, "without a session"), ("made-up-token", "with a made-up token")]:
            status, headers, answer = request(base, method, concrete, body, token)
            check(status == 401 and answer and answer.get("status") == 401 and "problem+json" in headers.get("Content-Type", ""),
                  f"{method} {path} {how}: 401 with a problem document (got {status})")


def known_ids(base, tokens, directory):
    """Ids that exist — a participant of the clinician's caseload, an export the researcher made, a
    verification the privacy officer started — written into a schemathesis configuration, so that
    the operations that read them answer 200 and their bodies are checked too (synthetic ids only)."""
    _, _, caseload = request(base, "GET", "/api/v1/caseload", token=tokens["clin-0001"])
    participant = caseload["participants"][0]["participant"]
    status, _, export = request(base, "POST", "/api/v1/research-exports", {"project": "contrat-api", "k": 5}, token=tokens["rech-0001"])
    check(status == 201, "the researcher makes an export through the API")
    status, _, job = request(base, "POST", "/api/v1/verifications", {}, token=tokens["rprp-0001"])
    check(status == 202, "the privacy officer starts a verification through the API")
    config = Path(directory) / "schemathesis.toml"
    config.write_text("".join(f'[[operations]]\ninclude-path-regex = "{{{name}}}"\nparameters = {{ {name} = "{value}" }}\n\n'
                              for name, value in [("participant", participant), ("export", export["id"]), ("job", job["id"])]))
    return config


def schemathesis(base, actor, token, report, config):
    """schemathesis over the whole document with this person's session; whether it found nothing, and what it said."""
    command = ["schemathesis", "--config-file", str(config), "run", str(DOCUMENT), "--url", base, "--header", f"Authorization: Bearer {token}",
               "--checks", "all", "--exclude-checks", "positive_data_acceptance",
               "--max-examples", os.environ.get("PARCOURS_API_EXAMPLES", "10"), "--seed", "20261201", "--workers", "1",
               "--phases", "examples,coverage,fuzzing", "--rate-limit", "15/s", "--request-timeout", "30",
               "--exclude-path", NOT_GENERATED[0], "--suppress-health-check", "all", "--no-color",
               "--report", "junit", "--report-junit-path", str(report)]
    run = subprocess.run(command, capture_output=True, text=True, cwd=config.parent)  # its cache beside the throwaway store
    output = (run.stdout + run.stderr).replace(token, "<token>")
    shown = output[-20000:] if run.returncode != 0 else "\n".join(line for line in output.splitlines() if line.strip())[-1200:]
    return run.returncode == 0, shown


def main():
    store = tempfile.mkdtemp(prefix="parcours-api-")
    atexit.register(shutil.rmtree, store, True)  # synthetic data, but nothing left behind
    parcours(store, "init", "--demo", "--origin", "api.example/parcours", "--admin", "admin-api", passphrase=ADMIN)
    for actor, organization, roles, _ in PEOPLE[:-1]:
        parcours(store, "actor", "add", actor, "--name", "Personne Exemple", "--organization", organization, "--roles", roles,
                 "--as", "admin-api", passphrase=ADMIN, new=CLIN)
    # A third of the synthetic participants consent to research: enough for an export with k = 5.
    parcours(store, "demo", "generate", "--participants", "60", "--as", "clin-0001", passphrase=CLIN)
    env = dict(os.environ, PARCOURS_STORE=store, PARCOURS_MASTER_PASSPHRASE=MASTER)
    server, base = start_server(env)
    reports = ROOT / ".build/api-contract"
    reports.mkdir(parents=True, exist_ok=True)
    tokens = {}
    try:
        tokens = sessions(base, second_factors(base))
        nothing_without_a_session(base)
        config = known_ids(base, tokens, store)
        # Two roles at a time (the machine has two cores); each one's report printed whole when it ends.
        with ThreadPoolExecutor(max_workers=int(os.environ.get("PARCOURS_API_WORKERS", "2"))) as pool:
            runs = {actor: pool.submit(schemathesis, base, actor, token, reports / f"{actor}.xml", config) for actor, token in tokens.items()}
            for actor, run in runs.items():
                passed, shown = run.result()
                print(shown)
                check(passed, f"schemathesis with {actor}'s session: no 5xx, every answer as the document says")
        last = tokens[PEOPLE[-1][0]]  # the session used last (another may have gone idle past its limit meanwhile)
        status, _, _ = request(base, "DELETE", "/api/v1/sessions/current", token=last)
        check(status == 204, f"a session ends on request ({status})")
        status, _, _ = request(base, "GET", "/api/v1/directory", token=last)
        check(status == 401, f"an ended session opens nothing ({status})")
    finally:
        server.terminate()
        log = server.communicate(timeout=10)[1]
    check(MASTER not in log and CLIN not in log, "the server's log holds no passphrase")
    for token in tokens.values():
        check(token not in log, "the server's log holds no session token")
    if failures:
        print(f"\n{len(failures)} failure(s)")
        sys.exit(1)
    print("\napi contract: all checks passed")


if __name__ == "__main__":
    main()
