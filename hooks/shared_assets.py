"""MkDocs hook: docs/assets/ (styles, scripts) belongs to both language builds: each language
has its own docs_dir (docs/ko, docs/en), and the assets they share are added to each here."""

from pathlib import Path

from mkdocs.structure.files import File

DOCS = Path(__file__).resolve().parent.parent / "docs"


def on_files(files, config):
    for path in sorted((DOCS / "assets").rglob("*")):
        if path.is_file():
            uri = path.relative_to(DOCS).as_posix()
            files.append(File(uri, str(DOCS), config.site_dir, config.use_directory_urls))
    return files
