#!/usr/bin/env bash
# Runs the Windows setup for real under Debian's wine64, silently (/S), and checks what it does:
# where the files land, the Start-menu and desktop shortcuts, this user's registry only, the
# WebView2 lookup (absent, then installed from the offline installer placed beside the setup),
# and that uninstalling removes the program but keeps the books.
#   under-wine.sh SETUP.exe WORKDIR
# Wine cannot run the Rust programs themselves (Debian 12's Wine 8 lacks bcryptprimitives.dll),
# but the installer is plain Win32 code. Everything Wine writes stays in WORKDIR (its own HOME
# and prefix; no menu entries are made on this machine).
set -euo pipefail

SETUP=$(realpath "$1")
WORK=$(realpath -m "$2")
HERE=$(cd "$(dirname "$0")" && pwd)

rm -rf "$WORK"
mkdir -p "$WORK/home"
export HOME=$WORK/home WINEPREFIX=$WORK/prefix WINEDEBUG=-all
export WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=d;mshtml=d"
unset DISPLAY

fail() { echo "under-wine: FAILED: $*" >&2; exit 1; }
n=0
ok() { echo "  ok  wine: $*"; n=$((n + 1)); }
run() { timeout 300 wine "$@" >>"$WORK/wine.log" 2>&1; timeout 120 wineserver -w; }
reg() { tr -d '\r' <"$WINEPREFIX/user.reg"; }
regval() { # regval KEY NAME -> the string value in user.reg ("" if none); KEY as user.reg spells it
    reg | awk -v key="[$1]" -v name="\"$2\"" '
        index($0, key) == 1 { inkey = 1; next }
        /^\[/ { inkey = 0 }
        inkey && index($0, name "=") == 1 { v = substr($0, length(name) + 2); gsub(/^"|"$/, "", v); print v }'
}

run wineboot -i
USERDIR=$WINEPREFIX/drive_c/users/$(whoami)
APPDIR=$USERDIR/AppData/Local/Programs/Sajja
MENU="$USERDIR/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/สัจจะ"
# Wine points Desktop at $HOME (our own, inside WORK).
DESKTOP=$(readlink -f "$USERDIR/Desktop")
UNINST='Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Uninstall\\\\Sajja'
WEBVIEW2='Software\\\\Microsoft\\\\EdgeUpdate\\\\Clients\\\\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}'
cp "$WINEPREFIX/system.reg" "$WORK/system.reg.before"

# 1. A laptop without WebView2.
mkdir -p "$WORK/usb"
cp "$SETUP" "$WORK/usb/"
run "$WORK/usb/$(basename "$SETUP")" /S
for f in sajja-desktop.exe sajja.exe WebView2Loader.dll icon.ico licences/Sarabun-OFL.txt uninstall.exe; do
    [ -f "$APPDIR/$f" ] || fail "not installed: %LOCALAPPDATA%\\Programs\\Sajja\\$f"
done
ok "installs into %LOCALAPPDATA%\\Programs\\Sajja (this user's folder, no admin)"
for l in "สัจจะ.lnk" "สัจจะ บรรทัดคำสั่ง (sajja).lnk" "ถอนการติดตั้งสัจจะ.lnk"; do
    [ -f "$MENU/$l" ] || fail "no Start-menu entry $l"
done
ok "Start menu → สัจจะ: the app, the command line, uninstall"
[ -f "$DESKTOP/สัจจะ.lnk" ] || fail "no desktop shortcut"
ok "desktop shortcut สัจจะ.lnk"
grep -qa 'sajja-desktop.exe' "$MENU/สัจจะ.lnk" || fail "the Start-menu shortcut does not start sajja-desktop.exe"
ok "the Start-menu shortcut starts sajja-desktop.exe"
[ "$(regval "$UNINST" UninstallString)" = '\"C:\\users\\'"$(whoami)"'\\AppData\\Local\\Programs\\Sajja\\uninstall.exe\"' ] \
    || fail "uninstall entry: $(regval "$UNINST" UninstallString)"
[[ "$(regval "$UNINST" DisplayName)" == *"(Sajja) "* ]] || fail "no DisplayName in the uninstall entry"
ok "registered in Settings → Apps for this user (HKCU uninstall entry)"
# Keys and values new in the machine's hive (timestamps aside) that name Sajja.
hive() { tr -d '\r' <"$1" | grep -v '^#time' | sed 's/^\(\[.*\]\) [0-9]*$/\1/'; }
new_machine_keys=$(diff <(hive "$WORK/system.reg.before") <(hive "$WINEPREFIX/system.reg") || true)
if grep '^>' <<<"$new_machine_keys" | grep -i 'sajja'; then fail "wrote to the machine's registry (HKLM)"; fi
ok "nothing written to the machine's registry (HKLM)"
[ "$(regval 'Software\\\\Sajja' WebView2)" = none ] || fail "WebView2 should be missing under Wine"
ok "finds no WebView2 Runtime on a machine without it (and says so: MessageBox answered by /S)"

# 2. Uninstall keeps the books.
BOOKS=$USERDIR/AppData/Roaming/Sajja/sajja/data
mkdir -p "$BOOKS" && echo "the group's books" >"$BOOKS/sajja.db"
run "$APPDIR/uninstall.exe" /S
sleep 1
timeout 60 wineserver -w
[ ! -e "$APPDIR/sajja-desktop.exe" ] && [ ! -e "$APPDIR/sajja.exe" ] || fail "uninstall left the programs"
[ ! -e "$MENU" ] && [ ! -e "$DESKTOP/สัจจะ.lnk" ] || fail "uninstall left the shortcuts"
[ -z "$(regval "$UNINST" DisplayName)" ] || fail "uninstall left the uninstall entry"
ok "uninstall removes the program, the shortcuts and the uninstall entry"
[ -s "$BOOKS/sajja.db" ] || fail "uninstall removed the books"
ok "uninstall keeps the books (%APPDATA%\\Sajja\\sajja\\data\\sajja.db)"

# 3. Offline: Microsoft's standalone WebView2 installer on the USB stick beside the setup.
x86_64-w64-mingw32-gcc -O2 -mwindows -o "$WORK/usb/MicrosoftEdgeWebView2RuntimeInstallerX64.exe" \
    "$HERE/fake-webview2-installer.c"
run "$WORK/usb/$(basename "$SETUP")" /S
[ "$(regval "$WEBVIEW2" fake_installer_args)" = "/silent /install" ] \
    || fail "the offline WebView2 installer was not run with /silent /install"
ok "runs the offline WebView2 installer found beside it (/silent /install)"
[ "$(regval 'Software\\\\Sajja' WebView2)" = 120.0.2210.91 ] || fail "WebView2 not found after installing it"
ok "finds the WebView2 Runtime once installed (per user, version 120.0.2210.91)"
[ -f "$APPDIR/sajja-desktop.exe" ] || fail "second install did not install the app"
ok "installs again over an uninstalled copy"

timeout 60 wineserver -k 2>/dev/null || true
echo "under-wine: $n checks passed"
