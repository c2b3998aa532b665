"""Regenerate the committed fixtures that our own libraries cannot write.

Run once by hand, from the repository root:

    .venv/bin/python tests/io/data/make_fixtures.py [--with-office-encryption PYTHON]

Needs ``libreoffice`` (PDF, RTF and legacy .doc), Pillow (an image-only PDF)
and pypdf (encrypted PDFs).  Encrypted .docx/.xlsx need msoffcrypto-tool,
which is not a qualcode dependency: pass the path of a Python that has it
(e.g. a throw-away venv) and it is run in a child process.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent

INTERVIEW = (
    "Interviewer: Can you tell me about your first year on the ward?\n"
    "P3: It was a blur — honestly. I’d arrive at seven, café au lait in hand, and the list was already long.\n"
    "Interviewer: What helped?\n"
    "P3: My mentor. She said: “you’re not a production line”.\n"
)


def _libreoffice(source: Path, target_format: str, outdir: Path) -> Path:
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{profile}",
         "--convert-to", target_format, str(source), "--outdir", str(outdir)],
        check=True, capture_output=True, timeout=180,
    )
    shutil.rmtree(profile, ignore_errors=True)
    return outdir / (source.stem + "." + target_format.split(":")[0])


def make_pdfs(work: Path) -> None:
    from PIL import Image, ImageDraw
    from pypdf import PdfReader, PdfWriter

    txt = work / "interview_pdf.txt"
    txt.write_text(INTERVIEW, encoding="utf-8")
    shutil.copy(_libreoffice(txt, "pdf", work), HERE / "interview.pdf")

    image = Image.new("RGB", (600, 200), "white")
    ImageDraw.Draw(image).text((20, 80), "Interviewer: this is only a picture of text", fill="black")
    image.save(HERE / "scanned.pdf")

    for name, user_password in (("encrypted.pdf", "secret"), ("owner_only.pdf", "")):
        writer = PdfWriter(clone_from=PdfReader(HERE / "interview.pdf"))
        writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
        with open(HERE / name, "wb") as fh:
            writer.write(fh)


def make_rtf_and_doc(work: Path) -> None:
    """An RTF and an old .doc, both written by LibreOffice from a .docx we make."""
    import docx

    document = docx.Document()
    document.add_paragraph("Focus group, site B")
    table = document.add_table(rows=0, cols=2)
    for speaker, text in (("Facilitator", "What would keep you in post?"),
                          ("Amélie", "Fair rotas — and being heard 😊."),
                          ("Facilitator", "Anything else?"),
                          ("Amélie", "Time to train.")):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = speaker, text
    document.add_paragraph("End of recording.")
    source = work / "focus_group.docx"
    document.save(source)
    shutil.copy(_libreoffice(source, "rtf", work), HERE / "focus_group.rtf")
    shutil.copy(_libreoffice(source, "doc", work), HERE / "legacy_word.doc")


def make_encrypted_office(python: str, work: Path) -> None:
    import docx
    import openpyxl

    document = docx.Document()
    document.add_paragraph("Interviewer: secret?")
    document.save(work / "plain.docx")
    workbook = openpyxl.Workbook()
    workbook.active.append(["ID", "Answer"])
    workbook.active.append([1, "hidden"])
    workbook.save(work / "plain.xlsx")
    script = (
        "import sys\nfrom msoffcrypto.format.ooxml import OOXMLFile\n"
        "for src, dst in zip(sys.argv[1::2], sys.argv[2::2]):\n"
        "    with open(src, 'rb') as i, open(dst, 'wb') as o:\n"
        "        f = OOXMLFile(i)\n"
        "        f.encrypt('secret', o)\n"
    )
    subprocess.run(
        [python, "-c", script, str(work / "plain.docx"), str(HERE / "encrypted.docx"),
         str(work / "plain.xlsx"), str(HERE / "encrypted.xlsx")],
        check=True,
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        make_pdfs(work)
        make_rtf_and_doc(work)
        if "--with-office-encryption" in sys.argv:
            make_encrypted_office(sys.argv[sys.argv.index("--with-office-encryption") + 1], work)


if __name__ == "__main__":
    main()
