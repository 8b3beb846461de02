"""Start a throw-away Dovecot on a free loopback port (the e-post tests and the benchmark).

Its own base_dir, state, logs and maildirs live in a temporary directory that is removed
afterwards. Any user name logs in with IMAP_LOSEN, so each caller can take an empty mailbox
of its own. As root, Dovecot's processes run as `dovenull`; otherwise as the caller.
"""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

IMAP_LOSEN = "hemligt-testlosen"


def ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _vanta_pa_port(port: int, process: subprocess.Popen, logg: Path) -> None:
    for _ in range(100):
        if process.poll() is not None:
            raise RuntimeError(f"Dovecot stannade: {logg.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"Dovecot svarade inte på port {port}")


@contextmanager
def starta_dovecot() -> Iterator[tuple[str, int]]:
    """Run Dovecot until the block ends; yield (host, port)."""
    binar = shutil.which("dovecot") or "/usr/sbin/dovecot"
    if not os.path.exists(binar):
        raise RuntimeError("Dovecot saknas: kör `make test` (installerar dovecot-imapd).")
    katalog = Path(tempfile.mkdtemp(prefix="kc-dovecot-"))
    os.chmod(katalog, 0o755)
    # As root, Dovecot's processes drop to dovenull; otherwise they run as the caller.
    som_root = os.geteuid() == 0
    anvandare = pwd.getpwnam("dovenull") if som_root else pwd.getpwuid(os.geteuid())
    post = katalog / "post"
    post.mkdir()
    if os.geteuid() == 0:
        os.chown(post, anvandare.pw_uid, anvandare.pw_gid)
    port = ledig_port()
    logg = katalog / "dovecot.log"
    konfig = katalog / "dovecot.conf"
    konfig.write_text(
        f"""
protocols = imap
listen = 127.0.0.1
base_dir = {katalog}/run
state_dir = {katalog}/state
log_path = {logg}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = {anvandare.pw_name}
default_internal_user = {anvandare.pw_name}
first_valid_uid = {anvandare.pw_uid}
last_valid_uid = {anvandare.pw_uid}
mail_location = maildir:{post}/%u
mail_fsync = never
maildir_very_dirty_syncs = yes
passdb {{
  driver = static
  args = password={IMAP_LOSEN}
}}
userdb {{
  driver = static
  args = uid={anvandare.pw_uid} gid={anvandare.pw_gid} home={post}/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
protocol imap {{
  mail_max_userip_connections = 100
}}
"""
    )
    process = subprocess.Popen(
        [binar, "-F", "-c", str(konfig)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        _vanta_pa_port(port, process, logg)
        yield ("127.0.0.1", port)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(katalog, ignore_errors=True)
