#!/usr/bin/env bash
# Renders one page of a .docx to PNG so a person (or a reviewer) can look at what the council
# receives: LibreOffice converts to PDF, pdftoppm rasterises the page. Prints the PNG's path.
#
#   scripts/render-docx.sh [-p PAGE] [-o OUTDIR] FILE.docx
#
# Needs Debian's libreoffice-writer(-nogui), poppler-utils and fonts-liberation (metric-compatible
# stand-ins for Times New Roman and Arial, so line breaks match Word's).
set -euo pipefail

page=1
outdir=""
while getopts "p:o:h" opt; do
  case "$opt" in
    p) page="$OPTARG" ;;
    o) outdir="$OPTARG" ;;
    *) sed -n '2,8p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || { sed -n '2,8p' "$0" >&2; exit 2; }
file="$1"
[ -f "$file" ] || { echo "render-docx: no such file: $file" >&2; exit 1; }
[[ "$page" =~ ^[1-9][0-9]*$ ]] || { echo "render-docx: page must be a positive number" >&2; exit 2; }
for tool in libreoffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "render-docx: $tool is missing (apt-get install libreoffice-writer-nogui poppler-utils fonts-liberation)" >&2; exit 1; }
done

outdir="${outdir:-$(mktemp -d)}"
mkdir -p "$outdir"
outdir="$(cd "$outdir" && pwd)"

# A private LibreOffice profile: a running LibreOffice (or a parallel render) holds a lock on
# the default one, and the conversion then silently does nothing.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

libreoffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$outdir" "$file" >/dev/null 2>&1
base="$(basename "${file%.*}")"
pdf="$outdir/$base.pdf"
[ -f "$pdf" ] || { echo "render-docx: LibreOffice produced no PDF for $file" >&2; exit 1; }

png_prefix="$outdir/$base-page$page"
pdftoppm -png -r 80 -f "$page" -l "$page" -singlefile "$pdf" "$png_prefix" 2>/dev/null \
  || { echo "render-docx: no page $page in $pdf" >&2; exit 1; }
echo "$png_prefix.png"
