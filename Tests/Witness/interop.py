"""Witnessed checkpoints against an implementation we did not write: the PyPI packages
aics-witness 0.1.0 and aics-tlog 0.2.1 (Python >= 3.12; Tools/test installs them, pinned).

1. Our log (`parcours checkpoint --witnesses`) gets a cosignature from their witness
   (`aics-witness serve`), and their verifier (`aics_tlog.verify_checkpoint`) accepts our
   cosigned checkpoint, read from `parcours export log`.
2. Our witness (`parcours witness serve`) cosigns checkpoints their side signs, first from
   size 0 then with their consistency proof, and their verifier accepts our cosignatures;
   their fork (another tree of the same size) is refused with 422.

Run: python3.12 Tests/Witness/interop.py (PARCOURS_BIN, else .build/debug/parcours).
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import aics_tlog
from aics_tlog import Checkpoint, MerkleTree, cosignature_vkey, parse_note, parse_vkey, sign_checkpoint, verify_checkpoint
from aics_tlog.note import b64_encode

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("PARCOURS_BIN", ROOT / ".build/debug/parcours"))
AICS_WITNESS = Path(sys.executable).with_name("aics-witness")
MASTER, ADMIN = "phrase-maitresse-temoin", "phrase-admin-temoin"
ORIGIN = "spheres.example/parcours-interop"
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port, process):
    for _ in range(200):
        if process.poll() is not None:
            raise RuntimeError(f"the witness exited: {process.stderr.read() if process.stderr else ''}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError("the witness did not start")


def parcours(store, *args, check_status=True):
    env = dict(os.environ, PARCOURS_STORE=store, PARCOURS_MASTER_PASSPHRASE=MASTER, PARCOURS_PASSPHRASE=ADMIN)
    result = subprocess.run([str(BIN), *args], env=env, capture_output=True, text=True)
    if check_status and result.returncode != 0:
        raise RuntimeError(f"parcours {' '.join(args)}: {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


def post(url, body):
    request = urllib.request.Request(url, data=body.encode(), method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.headers.get("Content-Type"), answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type"), error.read().decode()


def our_log_their_witness(work):
    store = str(work / "store")
    env = dict(os.environ, PARCOURS_NEW_PASSPHRASE=ADMIN)
    subprocess.run([str(BIN), "init", "--origin", ORIGIN, "--admin", "admin-exemple", "--admin-name", "Administratrice Exemple"],
                   env=dict(env, PARCOURS_STORE=store, PARCOURS_MASTER_PASSPHRASE=MASTER, PARCOURS_PASSPHRASE=ADMIN),
                   check=True, capture_output=True, text=True)
    events = "\n".join(f'{{"type":"note.added","stream":"notes/interop","data":{{"i":{i}}}}}' for i in range(4))
    subprocess.run([str(BIN), "append", "--as", "admin-exemple", "-"], input=events, check=True, capture_output=True, text=True,
                   env=dict(os.environ, PARCOURS_STORE=store, PARCOURS_MASTER_PASSPHRASE=MASTER, PARCOURS_PASSPHRASE=ADMIN))
    parcours(store, "export", "log", "--out", str(work / "vkey-export"), "--as", "admin-exemple")
    log_vkey = (work / "vkey-export" / "log.vkey").read_text().strip()

    config = work / "aics" / "witness.json"
    config.parent.mkdir()
    port = free_port()
    made = subprocess.run([str(AICS_WITNESS), "init", "--config", str(config), "--name", "aics.example/w1",
                           "--listen", f"127.0.0.1:{port}"], capture_output=True, text=True, check=True)
    their_vkey = made.stdout.strip().splitlines()[-1]
    subprocess.run([str(AICS_WITNESS), "add-log", "--config", str(config), "--origin", ORIGIN, "--vkey", log_vkey],
                   capture_output=True, text=True, check=True)
    witness = subprocess.Popen([str(AICS_WITNESS), "serve", "--config", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_listening(port, witness)
        policy = work / "policy"
        policy.write_text(f"witness aics.example/w1 {their_vkey} http://127.0.0.1:{port}\nquorum 1\n")
        first = parcours(store, "checkpoint", "--witnesses", str(policy), "--witnessed", check_status=False)
        check(first.returncode == 0, f"their witness cosigns our first checkpoint ({first.stderr.strip()})")
        subprocess.run([str(BIN), "append", "--as", "admin-exemple", "-"], input=events.replace("interop", "interop2"), check=True,
                       capture_output=True, text=True,
                       env=dict(os.environ, PARCOURS_STORE=store, PARCOURS_MASTER_PASSPHRASE=MASTER, PARCOURS_PASSPHRASE=ADMIN))
        second = parcours(store, "checkpoint", "--witnesses", str(policy), "--witnessed", check_status=False)
        check(second.returncode == 0, f"their witness cosigns our next checkpoint with our consistency proof ({second.stderr.strip()})")
        parcours(store, "export", "log", "--out", str(work / "export"), "--as", "admin-exemple")
        note = parse_note((work / "export" / "events.checkpoint").read_text())
        result = verify_checkpoint(note, parse_vkey(log_vkey), [parse_vkey(their_vkey)], quorum=1, expected_origin=ORIGIN)
        check(result.ok, f"their verifier accepts our exported cosigned checkpoint ({result.error})")
        check(result.witnesses == ["aics.example/w1"], "their verifier counts their witness's cosignature")
        bare = verify_checkpoint(note, parse_vkey(log_vkey))
        check(bare.ok, "their verifier, knowing no witness, still accepts it")
        ours = parcours(store, "verify", "--export", str(work / "export"), "--witnesses", str(policy), check_status=False)
        check(ours.returncode == 0 and "vouched for size" in ours.stdout, "our verifier accepts their witness's cosignature")
    finally:
        witness.terminate()
        witness.wait()


def their_log_our_witness(work):
    log_key = Ed25519PrivateKey.generate()
    origin = "aics.example/interop-log"
    log_vkey = aics_tlog.vkey_from_ed25519(origin, log_key.public_key().public_bytes_raw())
    logs = work / "logs"
    logs.write_text(aics_tlog.format_vkey(log_vkey) + "\n")
    made = subprocess.run([str(BIN), "witness", "keygen", "--key", str(work / "our.key"), "--name", "parcours.example/temoin"],
                          capture_output=True, text=True, check=True)
    our_vkey = parse_vkey(made.stdout.strip())
    port = free_port()
    witness = subprocess.Popen([str(BIN), "witness", "serve", "--key", str(work / "our.key"), "--state", str(work / "state"),
                                "--logs", str(logs), "--listen", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_listening(port, witness)
        tree = MerkleTree([f"entry {i}".encode() for i in range(11)])

        def signed(size, root=None):
            return sign_checkpoint(Checkpoint(origin=origin, size=size, root=root or tree.root(size)), log_key, origin).serialise()

        url = f"http://127.0.0.1:{port}/add-checkpoint"
        status, _, body = post(url, "old 0\n\n" + signed(6))
        check(status == 200 and body.startswith("— parcours.example/temoin "), f"our witness cosigns their first checkpoint ({status} {body.strip()})")
        note = parse_note(signed(6) + body)
        result = verify_checkpoint(note, log_vkey, [our_vkey], quorum=1, expected_origin=origin)
        check(result.ok, f"their verifier accepts our witness's cosignature ({result.error})")
        proof = "".join(b64_encode(h) + "\n" for h in tree.consistency_proof(6, 11))
        status, _, body = post(url, "old 6\n" + proof + "\n" + signed(11))
        check(status == 200 and verify_checkpoint(parse_note(signed(11) + body), log_vkey, [our_vkey], quorum=1).ok,
              f"our witness cosigns their next checkpoint with their consistency proof ({status})")
        status, content_type, body = post(url, "old 6\n" + proof + "\n" + signed(11))
        check(status == 409 and content_type == "text/x.tlog.size" and body == "11\n", f"a stale old size is 409 text/x.tlog.size ({status} {body!r})")
        status, _, _ = post(url, "old 11\n\n" + signed(11, root=b"\x07" * 32))
        check(status == 422, f"their fork of size 11 is refused with 422 ({status})")
    finally:
        witness.terminate()
        witness.wait()


def main():
    if not BIN.exists():
        sys.exit(f"no parcours binary at {BIN}: swift build first, or set PARCOURS_BIN")
    work = Path(tempfile.mkdtemp(prefix="parcours-witness-interop-"))
    try:
        our_log_their_witness(work)
        their_log_our_witness(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        sys.exit(f"{len(failures)} interoperability check(s) failed")
    print("witness interoperability: all checks passed")


if __name__ == "__main__":
    main()
