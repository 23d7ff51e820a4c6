#!/usr/bin/env python3
"""Three `parcours serve` on loopback sharing one PostgreSQL database (issue 14).

A new database on the throwaway cluster Tools/test starts (`PARCOURS_TEST_DATABASE`); a store
created in it through the command line (`PARCOURS_DATABASE`); three clinicians, each setting up
her second factor once in the real Chromium and signing in to the API on the FIRST server only.
Then, for a bounded time, writers record acts through all three servers at once with those
sessions; halfway, one server is killed with SIGKILL and its writers carry on through the others.

Checked, as a privacy officer and a clinician would notice:
- a session opened on one server works on the others; a second-factor code spent on one server
  opens nothing on another;
- an act acknowledged by one server is in the journey another server answers right after
  (read-your-writes across servers, by position);
- each writer's acknowledged acts have increasing seqs (commit order);
- afterwards the log verifies (`parcours verify`), its export passes Tools/verify-export, and every
  acknowledged act is in it exactly once, at the seq it was acknowledged with — the server killed
  mid-run lost nothing it acknowledged;
- no server's log holds a passphrase or a session token.

Synthetic data only. Exit 1 on any failure.
"""
import json, os, shutil, signal, subprocess, sys, tempfile, threading, time, urllib.error, urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Browser"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "API"))
from clinician_flow import start_browser, set_up_second_factor, submit, check, failures, free_port, BIN, ADMIN, CLIN, MASTER, ROOT
from api_contract import request, code

from selenium.webdriver.common.by import By

CLINICIANS = ["clin-pg-1", "clin-pg-2", "clin-pg-3"]
SECONDS = float(os.environ.get("PARCOURS_THREE_SERVERS_SECONDS", "20"))
WRITERS_PER_SERVER = 2


def new_database():
    """A database of its own on the test cluster; its URL."""
    cluster = os.environ.get("PARCOURS_TEST_DATABASE")
    if not cluster:
        sys.exit("PARCOURS_TEST_DATABASE is not set: run through Tools/test, or start Tools/postgres-cluster and export its URL")
    name = f"parcours_three_{os.getpid()}_{int(time.time())}"
    psql = sorted(Path("/usr/lib/postgresql").glob("*/bin/psql"))[-1]
    subprocess.run([str(psql), cluster, "-q", "-c", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    return cluster.rsplit("/", 1)[0] + "/" + name


def run(env, *args, passphrase=None, new=None):
    env = dict(env)
    if passphrase: env["PARCOURS_PASSPHRASE"] = passphrase
    if new: env["PARCOURS_NEW_PASSPHRASE"] = new
    return subprocess.run([str(BIN), *args], env=env, check=True, capture_output=True, text=True).stdout


def start(env):
    """`parcours serve` on a free loopback port; returns it and its base URL once it answers."""
    port = free_port()
    server = subprocess.Popen([str(BIN), "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://localhost:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/connexion", timeout=1)
            return server, base
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("a server did not answer")


def second_factors(base):
    """Each clinician signs in once in the browser and sets up her second factor; returns her key."""
    keys, driver = {}, start_browser()
    try:
        for actor in CLINICIANS:
            driver.delete_all_cookies()
            driver.get(base + "/connexion")
            driver.find_element(By.ID, "actor").send_keys(actor)
            driver.find_element(By.ID, "passphrase").send_keys(CLIN)
            submit(driver, "form.sign-in button", lambda d: d.current_url.endswith("/second-facteur"))
            keys[actor] = set_up_second_factor(driver)
    finally:
        driver.quit()
    return keys


def sign_in(bases, keys):
    """A bearer session each, opened on the first server; the same code is then tried on the second."""
    step = int(time.time() // 30) + 1
    time.sleep(max(0, step * 30 - time.time()) + 0.5)
    tokens = {}
    for actor in CLINICIANS:
        body = {"actor": actor, "passphrase": CLIN, "code": code(keys[actor], step)}
        status, _, answer = request(bases[0], "POST", "/api/v1/sessions", body)
        check(status == 201 and answer and answer.get("token"), f"{actor} signs in to the API on the first server")
        tokens[actor] = answer["token"]
        status, _, _ = request(bases[1], "POST", "/api/v1/sessions", body)
        check(status == 401, f"{actor}'s code, spent on the first server, opens nothing on the second ({status})")
    return tokens


def act(kind, participant=None, data=None):
    body = {"type": kind, "occurredAt": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()), "data": data}
    if participant: body["participant"] = participant
    return body


ADMISSION = {"identity": {"name": "Personne Fictive Postgres", "dateOfBirth": "2009-05-01"}, "genderIdentity": "non-binary",
             "preferredLanguage": "fr", "referringOrganization": "En Marge 12-17", "voluntary": True, "recognizesHarms": True}
SESSION = {"kind": "accompaniment", "minutes": 30, "processes": ["engaging"], "techniques": ["open-questions"]}


class Writer(threading.Thread):
    """Records acts through its server until the time is up; through another server once its own is gone."""

    def __init__(self, number, token, bases, alive, deadline):
        super().__init__()
        self.number, self.token, self.bases, self.alive, self.deadline = number, token, bases, alive, deadline
        self.acknowledged = []  # (seq, id), in the order the servers answered
        self.unanswered = 0
        self.stale_reads = 0

    def server(self, attempt):
        live = [i for i in range(len(self.bases)) if self.alive[i]]
        own = self.number % len(self.bases)
        return own if self.alive[own] else live[(self.number + attempt) % len(live)]

    def post(self, body):
        for attempt in range(10):
            index = self.server(attempt)
            try:
                status, _, answer = request(self.bases[index], "POST", "/api/v1/acts", body, self.token)
            except (OSError, urllib.error.URLError):
                self.unanswered += 1  # the server went away mid-request: not acknowledged, maybe written
                continue
            if status in (200, 201):
                written = answer["acts"]
                self.acknowledged += [(item["seq"], item["id"]) for item in written]
                return index, written
            raise RuntimeError(f"writer {self.number}: {status} {answer}")
        raise RuntimeError(f"writer {self.number}: no server answered")

    def run(self):
        try:
            index, written = self.post(act("participant.enrolled", data=ADMISSION))
            participant = written[0]["participant"]
            while time.time() < self.deadline:
                index, written = self.post(act("session.held", participant, SESSION))
                # Read-your-writes across servers: another live server's journey holds the act just acknowledged.
                other = next((i for i in range(1, len(self.bases)) if self.alive[(index + i) % len(self.bases)]), None)
                if other is not None:
                    reader = (index + other) % len(self.bases)
                    try:
                        status, _, journey = request(self.bases[reader], "GET", f"/api/v1/participants/{participant}/journey", token=self.token)
                        if status != 200 or journey["throughSeq"] < written[-1]["seq"]:
                            self.stale_reads += 1
                    except (OSError, urllib.error.URLError):
                        pass
        except Exception as error:  # reported by the checks below
            self.error = error


def main():
    database = new_database()
    env = dict(os.environ, PARCOURS_DATABASE=database, PARCOURS_MASTER_PASSPHRASE=MASTER)
    env.pop("PARCOURS_STORE", None)
    run(env, "init", "--origin", "postgres.example/parcours", "--admin", "admin-pg", passphrase=ADMIN)
    for actor in CLINICIANS:
        run(env, "actor", "add", actor, "--name", "Personne Exemple", "--organization", "En Marge 12-17", "--roles", "clinician",
            "--as", "admin-pg", passphrase=ADMIN, new=CLIN)
    servers, bases = zip(*[start(env) for _ in range(3)])
    servers, bases = list(servers), list(bases)
    logs = [""] * 3
    tokens = {}
    try:
        tokens = sign_in(bases, second_factors(bases[0]))
        for actor, token in tokens.items():
            for base in bases[1:]:
                status, _, _ = request(base, "GET", "/api/v1/caseload", token=token)
                check(status == 200, f"{actor}'s session, opened on the first server, works on {base} ({status})")
        alive = [True, True, True]
        deadline = time.time() + SECONDS
        writers = [Writer(n, tokens[CLINICIANS[n % len(CLINICIANS)]], bases, alive, deadline) for n in range(3 * WRITERS_PER_SERVER)]
        for writer in writers: writer.start()
        time.sleep(SECONDS / 2)
        alive[1] = False
        servers[1].send_signal(signal.SIGKILL)
        for writer in writers: writer.join()
        for writer in writers:
            check(not hasattr(writer, "error"), f"writer {writer.number} recorded until the end ({getattr(writer, 'error', 'no error')})")
            seqs = [seq for seq, _ in writer.acknowledged]
            check(seqs == sorted(seqs) and len(set(seqs)) == len(seqs), f"writer {writer.number}: acknowledged seqs increase (commit order)")
            check(writer.stale_reads == 0, f"writer {writer.number}: every journey read on another server held the act just acknowledged "
                                           f"({writer.stale_reads} stale)")
        acknowledged = [pair for writer in writers for pair in writer.acknowledged]
        print(f"{len(acknowledged)} acts acknowledged in {SECONDS:.0f} s through three servers, one killed halfway; "
              f"{sum(w.unanswered for w in writers)} requests unanswered")
        check(len(acknowledged) > 20, "the servers took acts concurrently")
    finally:
        for index, server in enumerate(servers):
            if server.poll() is None: server.terminate()
            logs[index] = server.communicate(timeout=30)[1] or ""
    run(env, "verify")
    check(True, "the shared log verifies (parcours verify)")
    scratch = tempfile.mkdtemp(prefix="parcours-three-")
    out = scratch + "/export"
    run(env, "export", "log", "--out", out, "--as", "admin-pg", passphrase=ADMIN)
    verified = subprocess.run([str(ROOT / "Tools/verify-export"), out], capture_output=True, text=True)
    check(verified.returncode == 0, f"the export passes Tools/verify-export {verified.stdout[-300:]}{verified.stderr[-300:]}")
    lines = Path(out, "events.jsonl").read_text().splitlines()
    at = {}
    for line in lines:
        envelope = json.loads(line)["envelope"]
        at.setdefault(envelope["id"], []).append(envelope["seq"])
    check([json.loads(line)["envelope"]["seq"] for line in lines] == list(range(len(lines))), "the log is gapless")
    check(all(len(seqs) == 1 for seqs in at.values()), "no event is in the log twice")
    missing = [(seq, id) for seq, id in acknowledged if at.get(id) != [seq]]
    check(not missing, f"every acknowledged act is in the log once, at its acknowledged seq ({len(missing)} not)")
    for log in logs:
        check(MASTER not in log and CLIN not in log and ADMIN not in log, "no server's log holds a passphrase")
        check(not any(token in log for token in tokens.values()), "no server's log holds a session token")
    shutil.rmtree(scratch, ignore_errors=True)  # the export of a throwaway database: nothing is left behind
    if failures:
        print(f"\n{len(failures)} failure(s)")
        sys.exit(1)
    print("\nthree servers: all checks passed")


if __name__ == "__main__":
    main()
