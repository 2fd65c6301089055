"""Install what the quality gates need beyond Python packages, when missing.

- Chromium (Debian's `chromium` package): axe-core, the privacy and keyboard
  checks run in it through Playwright; no browser is downloaded.
- A Java runtime (`default-jre-headless`): runs the W3C Nu HTML Checker.
- LibreOffice Writer (`libreoffice-writer-nogui`): writes .docx files the
  way another word processor would, for `invoke import`'s tests.
- nginx, rsync and an OpenSSH server: the publishing tests serve the site
  with the README's nginx sample and publish over rsync to a real sshd,
  started on 127.0.0.1 by the tests.
- Node.js and npm, then `npm ci` from the committed package-lock.json:
  axe-core and vnu-jar (the Nu checker), CodeMirror and esbuild (the
  editor's bundle, checked against its source), at pinned versions.
- The AWS CLI, in a venv of its own (.tools/aws): the S3 publishing tests
  read back what was published with it. (awscli 1.x pins a docutils older
  than Pelican's, so the two cannot share one environment.)

Idempotent and quiet when everything is there. Where it cannot install (not
root, no apt-get), it stops and names the one command that does.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# command -> the Debian package that provides it
DEBIAN_PACKAGES = {
    "chromium": "chromium",
    "java": "default-jre-headless",
    "npm": "npm",
    "nginx": "nginx",  # serves the output in the nginx sample's test
    "rsync": "rsync",  # publish to an rsync destination
    "/usr/sbin/sshd": "openssh-server",  # the rsync destination's server, in the tests
    "soffice": "libreoffice-writer-nogui",  # a second writer of Word documents, for the import's tests
}
WITHOUT_RECOMMENDS = {"libreoffice-writer-nogui"}
AWS_CLI = ROOT / ".tools" / "aws" / "bin" / "aws"
AWS_CLI_VERSION = "awscli==1.45.11"
NODE_PACKAGES = [ROOT / "node_modules/axe-core/axe.min.js", ROOT / "node_modules/vnu-jar/build/dist/vnu.jar",
                 # The editor's bundle is made again from these (tests/test_editor_bundle.py).
                 ROOT / "node_modules/codemirror/package.json", ROOT / "node_modules/.bin/esbuild"]


def missing_debian_packages():
    return [package for command, package in DEBIAN_PACKAGES.items() if not shutil.which(command)]


def install_debian_packages(packages):
    # LibreOffice's recommended packages (Java, more fonts, the GUI's help) are
    # hundreds of megabytes the tests do not use.
    lean = [package for package in packages if package in WITHOUT_RECOMMENDS]
    rest = [package for package in packages if package not in WITHOUT_RECOMMENDS]
    commands = ["apt-get update -qq"]
    if rest:
        commands.append("apt-get install -y -qq " + " ".join(rest))
    if lean:
        commands.append("apt-get install -y -qq --no-install-recommends " + " ".join(lean))
    command = " && ".join(commands)
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(f"The quality gates need {', '.join(packages)}. Install them with:\n    "
                 + " && ".join("sudo " + step for step in commands))
    print(f"Installing {', '.join(packages)} from Debian's packages ...", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(command, shell=True, check=True, env=env, stdout=subprocess.DEVNULL)


def install_node_packages():
    if all(path.exists() for path in NODE_PACKAGES):
        return
    print("Installing axe-core, vnu-jar, CodeMirror and esbuild with npm ci ...", flush=True)
    # --ignore-scripts: vnu-jar's install script would download a Java runtime.
    subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--silent"],
                   cwd=ROOT, check=True)


def install_aws_cli():
    if AWS_CLI.exists():
        return
    print(f"Installing {AWS_CLI_VERSION} into {AWS_CLI.parent.parent} ...", flush=True)
    venv = AWS_CLI.parent.parent
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    AWS_CLI_VERSION], check=True)


def main():
    packages = missing_debian_packages()
    if packages:
        install_debian_packages(packages)
    install_node_packages()
    install_aws_cli()


if __name__ == "__main__":
    main()
