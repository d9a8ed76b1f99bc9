; Sajja's Windows installer, built on Linux by .ci/package with Debian's makensis:
;   makensis -DVERSION=0.1.0 -DSRCDIR=<folder with the files below> -DOUTFILE=<setup.exe> sajja.nsi
; SRCDIR holds sajja-desktop.exe (the app), sajja.exe (the command line), WebView2Loader.dll
; (the app links it at run time when built with the GNU toolchain), icon.ico and OFL.txt.
;
; Per user, no administrator rights: everything goes under the user's own folders and the
; user's own registry hive (HKCU), so a treasurer can install on a shared or school laptop.
; Uninstalling never touches the books (%APPDATA%\Sajja\sajja\data\sajja.db) or the printed
; documents: they belong to the group, not to the program.

; A 64-bit installer: sajja runs on 64-bit Windows 10/11 only, and Windows itself refuses a
; 64-bit setup on a 32-bit system. It also lets .ci/package run it under Debian's wine64.
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!macro Required NAME
  !ifndef ${NAME}
    !error "usage: makensis -DVERSION=x.y.z -DSRCDIR=DIR -DOUTFILE=FILE sajja.nsi (${NAME} missing)"
  !endif
!macroend
!insertmacro Required VERSION
!insertmacro Required SRCDIR
!insertmacro Required OUTFILE

!define PRODUCT "สัจจะ"
!define PUBLISHER "Sajja"
!define APPEXE "sajja-desktop.exe"
!define CLIEXE "sajja.exe"
!define REGKEY "Software\Sajja"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Sajja"
; The WebView2 Runtime's client id, the same on every Windows (Microsoft's documented key).
!define WEBVIEW2_ID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
; Microsoft's offline ("Evergreen Standalone") installer, when it lies beside this setup file.
!define WEBVIEW2_OFFLINE "MicrosoftEdgeWebView2RuntimeInstallerX64.exe"

Name "${PRODUCT}" "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Sajja"
InstallDirRegKey HKCU "${REGKEY}" "InstallDir"
BrandingText "สัจจะ ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

Var HasWebView2
Var WebView2Version

!define MUI_ICON "${SRCDIR}/icon.ico"
!define MUI_UNICON "${SRCDIR}/icon.ico"
!define MUI_ABORTWARNING
!define MUI_ABORTWARNING_TEXT "ยกเลิกการติดตั้งสัจจะใช่ไหม"

!define MUI_WELCOMEPAGE_TITLE "ติดตั้งสัจจะ ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "สัจจะ คือโปรแกรมทำบัญชีกลุ่มออมทรัพย์เพื่อการผลิต ใช้ได้โดยไม่ต้องต่ออินเทอร์เน็ต$\r$\n$\r$\nตัวติดตั้งนี้ติดตั้งให้เฉพาะผู้ใช้คนนี้ ไม่ต้องใช้สิทธิ์ผู้ดูแลเครื่อง (admin) และจะสร้างทางลัด $\"สัจจะ$\" ในเมนูเริ่ม (Start) และบนหน้าจอ$\r$\n$\r$\nถ้าเคยติดตั้งสัจจะแล้ว ให้ปิดโปรแกรมสัจจะก่อน บัญชีของกลุ่มที่บันทึกไว้จะยังอยู่ครบ$\r$\n$\r$\n$_CLICK"
!insertmacro MUI_PAGE_WELCOME

!define MUI_DIRECTORYPAGE_TEXT_TOP "ติดตั้งสัจจะไว้ในโฟลเดอร์นี้ (แนะนำให้ใช้ตามที่ตั้งไว้)"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES

!define MUI_FINISHPAGE_TITLE "ติดตั้งสัจจะเรียบร้อยแล้ว"
!define MUI_FINISHPAGE_TEXT "เปิดสัจจะได้จากทางลัด $\"สัจจะ$\" บนหน้าจอหรือในเมนูเริ่ม (Start)$\r$\n$\r$\nครั้งแรกที่เปิด ให้เลือก $\"สร้างบัญชีกลุ่มใหม่$\" หรือเปิดไฟล์บัญชีที่มีอยู่แล้ว$\r$\n$\r$\nบัญชีของกลุ่มเก็บอยู่ที่ %APPDATA%\Sajja\sajja\data\sajja.db คัดลอกไฟล์นี้ตอนปิดโปรแกรมไว้ก็เป็นการสำรองบัญชี"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APPEXE}"
!define MUI_FINISHPAGE_RUN_TEXT "เปิดสัจจะตอนนี้"
!define MUI_PAGE_CUSTOMFUNCTION_SHOW FinishShow
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "ถอนการติดตั้งโปรแกรมสัจจะออกจากเครื่องนี้ บัญชีของกลุ่มและเอกสารที่พิมพ์ไว้จะไม่ถูกลบ"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Thai"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_THAI} "ProductName" "Sajja (สัจจะ)"
VIAddVersionKey /LANG=${LANG_THAI} "FileDescription" "ตัวติดตั้งสัจจะ (Sajja setup)"
VIAddVersionKey /LANG=${LANG_THAI} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_THAI} "LegalCopyright" "MIT"
VIAddVersionKey /LANG=${LANG_THAI} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_THAI} "ProductVersion" "${VERSION}"

; A usable WebView2 Runtime is registered per machine (32- or 64-bit view) or per user, with
; its version in "pv"; an empty or 0.0.0.0 version means it was removed.
Function DetectWebView2
  StrCpy $HasWebView2 0
  StrCpy $WebView2Version "none"
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${EndIf}
  ${If} $0 != ""
  ${AndIf} $0 != "0.0.0.0"
    StrCpy $HasWebView2 1
    StrCpy $WebView2Version $0
    DetailPrint "WebView2 Runtime $0"
  ${EndIf}
FunctionEnd

Section "สัจจะ" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${SRCDIR}/${APPEXE}"
  File "${SRCDIR}/${CLIEXE}"
  File "${SRCDIR}/WebView2Loader.dll"
  File "${SRCDIR}/icon.ico"
  SetOutPath "$INSTDIR\licences"
  File /oname=Sarabun-OFL.txt "${SRCDIR}/OFL.txt"
  SetOutPath "$INSTDIR"

  ; Start menu (this user's): the app, the command line in a Thai-capable console, uninstall.
  CreateDirectory "$SMPROGRAMS\สัจจะ"
  CreateShortcut "$SMPROGRAMS\สัจจะ\สัจจะ.lnk" "$INSTDIR\${APPEXE}" "" "$INSTDIR\icon.ico" 0
  CreateShortcut "$SMPROGRAMS\สัจจะ\สัจจะ บรรทัดคำสั่ง (sajja).lnk" "$SYSDIR\cmd.exe" '/K chcp 65001 >nul & cd /d "$INSTDIR" & sajja --help' "$INSTDIR\icon.ico" 0
  CreateShortcut "$SMPROGRAMS\สัจจะ\ถอนการติดตั้งสัจจะ.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\สัจจะ.lnk" "$INSTDIR\${APPEXE}" "" "$INSTDIR\icon.ico" 0

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "${REGKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "สัจจะ (Sajja) ${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${APPEXE}"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $0

  Call DetectWebView2
  ${If} $HasWebView2 == 0
  ${AndIf} ${FileExists} "$EXEDIR\${WEBVIEW2_OFFLINE}"
    MessageBox MB_YESNO|MB_ICONQUESTION "เครื่องนี้ยังไม่มี Microsoft Edge WebView2 Runtime ซึ่งสัจจะใช้แสดงหน้าจอ$\r$\n$\r$\nพบไฟล์ติดตั้ง ${WEBVIEW2_OFFLINE} อยู่ในโฟลเดอร์เดียวกับตัวติดตั้งนี้ ติดตั้ง WebView2 จากไฟล์นี้เลยไหม (ไม่ต้องต่ออินเทอร์เน็ต)" /SD IDYES IDNO webview2_done
    DetailPrint "กำลังติดตั้ง WebView2 Runtime จาก $EXEDIR\${WEBVIEW2_OFFLINE}"
    ExecWait '"$EXEDIR\${WEBVIEW2_OFFLINE}" /silent /install' $1
    DetailPrint "ตัวติดตั้ง WebView2 จบด้วยรหัส $1"
    Call DetectWebView2
  webview2_done:
  ${EndIf}
  ; What the installer found, for whoever helps the treasurer later (and for .ci/package).
  WriteRegStr HKCU "${REGKEY}" "WebView2" "$WebView2Version"
  ${If} $HasWebView2 == 0
    MessageBox MB_OK|MB_ICONEXCLAMATION "ติดตั้งสัจจะแล้ว แต่เครื่องนี้ยังไม่มี Microsoft Edge WebView2 Runtime ซึ่งสัจจะต้องใช้แสดงหน้าจอ จึงยังเปิดสัจจะไม่ได้$\r$\n$\r$\nถ้าต่ออินเทอร์เน็ตได้: เปิด Windows Update หรือค้นหา $\"WebView2 Runtime$\" จากเว็บไซต์ของ Microsoft แล้วติดตั้ง$\r$\n$\r$\nถ้าไม่มีอินเทอร์เน็ต: ใช้เครื่องอื่นดาวน์โหลด $\"Evergreen Standalone Installer$\" แบบ x64 (ไฟล์ ${WEBVIEW2_OFFLINE}) ใส่แฟลชไดรฟ์ วางไว้ในโฟลเดอร์เดียวกับตัวติดตั้งสัจจะ แล้วเปิดตัวติดตั้งสัจจะอีกครั้ง ตัวติดตั้งจะติดตั้ง WebView2 ให้เอง" /SD IDOK
  ${EndIf}
SectionEnd

; No "open Sajja now" box while WebView2 is missing: the app could not show its window.
Function FinishShow
  ${If} $HasWebView2 == 0
    SendMessage $mui.FinishPage.Run ${BM_SETCHECK} ${BST_UNCHECKED} 0
    ShowWindow $mui.FinishPage.Run ${SW_HIDE}
  ${EndIf}
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$INSTDIR\${APPEXE}"
  Delete "$INSTDIR\${CLIEXE}"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\icon.ico"
  Delete "$INSTDIR\licences\Sarabun-OFL.txt"
  RMDir "$INSTDIR\licences"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\สัจจะ\สัจจะ.lnk"
  Delete "$SMPROGRAMS\สัจจะ\สัจจะ บรรทัดคำสั่ง (sajja).lnk"
  Delete "$SMPROGRAMS\สัจจะ\ถอนการติดตั้งสัจจะ.lnk"
  RMDir "$SMPROGRAMS\สัจจะ"
  Delete "$DESKTOP\สัจจะ.lnk"
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "${REGKEY}"
SectionEnd
