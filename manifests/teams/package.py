#!/usr/bin/env python3
"""Packages the Teams app: manifest.json with the bot's app id and the host filled in, and both icons, zipped.

The manifest in the repository carries the placeholder id 00000000-0000-0000-0000-000000000000 and the example host
billing.example.com; Teams would accept the placeholder and install an app no bot answers, so this script refuses to
write a package that still holds either.

    python3 manifests/teams/package.py --app-id <bot's Entra app id> --host billing.contoso.com [--out chatbilling-teams.zip]
"""
import argparse
import json
import pathlib
import re
import sys
import uuid
import zipfile

PLACEHOLDER = "00000000-0000-0000-0000-000000000000"
EXAMPLE_HOST = "billing.example.com"
HERE = pathlib.Path(__file__).resolve().parent


def build(app_id: str, host: str) -> dict:
    if str(uuid.UUID(app_id)) != app_id.lower() or app_id == PLACEHOLDER:
        raise SystemExit(f"--app-id must be the bot's Entra application (client) id, a GUID other than {PLACEHOLDER}")
    if not re.fullmatch(r"[A-Za-z0-9.-]+(:[0-9]+)?", host) or host == EXAMPLE_HOST:
        raise SystemExit(f"--host must be the public host name the bot is served on (not {EXAMPLE_HOST}), without scheme or path")
    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
    manifest["id"] = app_id
    for bot in manifest["bots"]:
        bot["botId"] = app_id
    text = json.dumps(manifest, indent=2, ensure_ascii=False).replace(EXAMPLE_HOST, host)
    if PLACEHOLDER in text or EXAMPLE_HOST in text:
        raise SystemExit("the packaged manifest still holds a placeholder")
    return json.loads(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app-id", required=True)
    parser.add_argument("--host", required=True)
    parser.add_argument("--out", default="chatbilling-teams.zip")
    args = parser.parse_args()
    manifest = build(args.app_id.strip().lower(), args.host.strip())
    # Teams wants manifest.json and the icons at the top level of the archive.
    with zipfile.ZipFile(args.out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
        for icon in ("color.png", "outline.png"):
            z.write(HERE / icon, icon)
    print(f"wrote {args.out} for app {manifest['id']} on {args.host}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
