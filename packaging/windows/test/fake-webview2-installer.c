/* Stands in for Microsoft's WebView2 offline installer (MicrosoftEdgeWebView2RuntimeInstallerX64.exe)
 * when .ci/package runs the Sajja setup under Wine: it registers a WebView2 Runtime for this user
 * the way the real one does (the "pv" version under EdgeUpdate\Clients), and records the command
 * line it was given, so the check can see that the setup ran it, with which arguments, and then
 * found the runtime. Never shipped. */
#include <windows.h>
#include <string.h>

#define KEY L"Software\\Microsoft\\EdgeUpdate\\Clients\\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

int WINAPI WinMain(HINSTANCE instance, HINSTANCE previous, LPSTR args, int show)
{
    static const wchar_t version[] = L"120.0.2210.91";
    HKEY key;
    (void)instance;
    (void)previous;
    (void)show;
    if (RegCreateKeyExW(HKEY_CURRENT_USER, KEY, 0, NULL, 0, KEY_SET_VALUE, NULL, &key, NULL) != ERROR_SUCCESS)
        return 2;
    RegSetValueExW(key, L"pv", 0, REG_SZ, (const BYTE *)version, sizeof version);
    RegSetValueExA(key, "fake_installer_args", 0, REG_SZ, (const BYTE *)args, (DWORD)strlen(args) + 1);
    RegCloseKey(key);
    return 0;
}
