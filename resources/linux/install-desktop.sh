#!/bin/sh
# Install the launcher and icons for the current user (`make install-desktop`):
#   $XDG_DATA_HOME/applications/bilingual-reader.desktop           (default ~/.local/share)
#   $XDG_DATA_HOME/icons/hicolor/<N>x<N>/apps/bilingual-reader.png  and scalable/apps/*.svg
# and make it the handler of Markdown files when xdg-mime is there. Never fails for a
# missing desktop tool (update-desktop-database, gtk-update-icon-cache, xdg-mime).
#
# What the launcher runs (its Exec line), first found of:
#   1. $BILINGUAL_READER_EXEC                  (any command or path you choose)
#   2. dist/bilingual-reader/bilingual-reader  (the frozen app of `make dist`, if built)
#   3. the argument: the venv's bin/bilingual-reader (editable: runs the current source)
# Both 2 and 3 live in this checkout: run this again after moving it (or `make clean`).
# Uninstall: rm the .desktop file and the icons above.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
name=bilingual-reader

exec_path=${BILINGUAL_READER_EXEC:-}
if [ -z "$exec_path" ]; then
  if [ -x "$root/dist/$name/$name" ]; then
    exec_path="$root/dist/$name/$name"
  else
    exec_path=${1:?usage: install-desktop.sh PATH/TO/bilingual-reader}
  fi
fi
case $exec_path in
  /*) [ -x "$exec_path" ] || { echo "install-desktop: $exec_path is not an executable" >&2; exit 1; } ;;
esac

data=${XDG_DATA_HOME:-$HOME/.local/share}
apps="$data/applications"
icons="$data/icons/hicolor"
mkdir -p "$apps"

for png in "$root"/resources/icons/$name-*.png; do
  size=${png##*-}
  size=${size%.png}
  mkdir -p "$icons/${size}x${size}/apps"
  cp "$png" "$icons/${size}x${size}/apps/$name.png"
done
mkdir -p "$icons/scalable/apps"
cp "$root/resources/icons/$name.svg" "$icons/scalable/apps/$name.svg"

# The Exec line: the path quoted as the desktop-entry spec says (in the file, a quoted
# argument's \ is \\\\ and its ", ` and $ are \\", \\` and \\$).
quoted=$(printf '%s' "$exec_path" | sed -e 's/\\/\\\\\\\\/g' -e 's/["`$]/\\\\&/g')
desktop="$apps/$name.desktop"
EXEC_LINE="Exec=\"$quoted\" %f" awk '
  /^Exec=/ { print ENVIRON["EXEC_LINE"]; next }
  /^TryExec=/ { next }
  { print }
' "$root/resources/linux/$name.desktop" > "$desktop.tmp"
mv "$desktop.tmp" "$desktop"
echo "installed $desktop (Exec: $exec_path)"

if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q "$apps" || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$icons/index.theme" ]; then
  gtk-update-icon-cache -q -t -f "$icons" || true
fi
if command -v xdg-mime >/dev/null 2>&1; then
  xdg-mime default "$name.desktop" text/markdown text/x-markdown >/dev/null 2>&1 || true
fi
exit 0
