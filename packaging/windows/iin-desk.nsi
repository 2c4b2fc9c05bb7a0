; The Windows installer of iin-desk (NSIS 3, built by packaging/build-windows.sh):
; installs iin-desk.exe for all users under Program Files, a Start-menu shortcut and an
; uninstaller, and optionally writes the machine configuration
; %PROGRAMDATA%\iin-desk\config.toml with the central queue file and the counter number.
;
; Interactive: a page asks for the central queue file and the counter (both optional).
; Unattended, for software deployment:
;
;   iin-desk-VERSION-setup.exe /S "/QUEUE=\\server\share\central-queue.sqlite3" /COUNTER=7
;
; Without /QUEUE= and /COUNTER= (and with both fields left empty) an existing machine
; configuration is kept as it is. The uninstaller leaves the machine configuration and
; every user's data (the local database with requests) in place.
;
; makensis -DVERSION=0.1.0 -DVERSION4=0.1.0.0 -DEXE=… -DICON=… -DLICENSES=…
; -DWINDOW_EXE=…
;          -DCONFIG_EXAMPLE=… -DOUTFILE=… packaging/windows/iin-desk.nsi

Unicode true
ManifestDPIAware true
; Not solid: 7-Zip (the build check) reads it, and the program is most of the size anyway.
SetCompressor lzma

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "nsDialogs.nsh"
!include "x64.nsh"

!ifndef VERSION | VERSION4 | EXE | WINDOW_EXE | ICON | LICENSES | CONFIG_EXAMPLE | OUTFILE
  !error "run packaging/build-windows.sh, which passes VERSION, EXE, ICON and the other paths"
!endif

!define APP "iin-desk"
!define PUBLISHER "State Corporation $\"Government for Citizens$\""
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
; With SetShellVarContext all, $APPDATA is the machine-wide %PROGRAMDATA% (C:\ProgramData).
!define CONFIG_DIR "$APPDATA\${APP}"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
InstallDirRegKey HKLM "Software\${APP}" "InstallDir"
RequestExecutionLevel admin
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} installer"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT licence"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
; No "run now" on the finish page: the installer is elevated and the counter window must
; not run as administrator.

!insertmacro MUI_PAGE_DIRECTORY
Page custom ConfigPageShow ConfigPageLeave
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Russian"

LangString PAGE_TITLE ${LANG_ENGLISH} "Configuration of this counter"
LangString PAGE_TITLE ${LANG_RUSSIAN} "Настройка этого окна обслуживания"
LangString PAGE_SUBTITLE ${LANG_ENGLISH} "Written for all users of this PC. Leave empty to keep the current configuration."
LangString PAGE_SUBTITLE ${LANG_RUSSIAN} "Записывается для всех пользователей этого ПК. Оставьте пустым, чтобы не менять текущую настройку."
LangString QUEUE_LABEL ${LANG_ENGLISH} "Central queue file (for example \\server\share\central-queue.sqlite3):"
LangString QUEUE_LABEL ${LANG_RUSSIAN} "Файл центральной очереди (например, \\server\share\central-queue.sqlite3):"
LangString COUNTER_LABEL ${LANG_ENGLISH} "Counter number:"
LangString COUNTER_LABEL ${LANG_RUSSIAN} "Номер окна:"
LangString BAD_QUEUE ${LANG_ENGLISH} "The central queue file must be a full path: \\server\share\central-queue.sqlite3 or D:\folder\central-queue.sqlite3, without the ' character."
LangString BAD_QUEUE ${LANG_RUSSIAN} "Файл центральной очереди должен быть полным путём: \\server\share\central-queue.sqlite3 или D:\папка\central-queue.sqlite3, без символа '."
LangString BAD_COUNTER ${LANG_ENGLISH} "The counter number must not contain the ' character."
LangString BAD_COUNTER ${LANG_RUSSIAN} "Номер окна не должен содержать символ '."
LangString NEEDS_X64 ${LANG_ENGLISH} "iin-desk needs 64-bit Windows."
LangString NEEDS_X64 ${LANG_RUSSIAN} "Для iin-desk нужна 64-разрядная Windows."

Var QueuePath
Var Counter
Var QueueField
Var CounterField

; Sets $R9 to 1 when $R8 holds the character ', else 0.
Function HasQuote
  StrCpy $R9 0
  StrLen $R7 $R8
  StrCpy $R6 0
  ${DoWhile} $R6 < $R7
    StrCpy $R5 $R8 1 $R6
    ${If} $R5 == "'"
      StrCpy $R9 1
      ${Break}
    ${EndIf}
    IntOp $R6 $R6 + 1
  ${Loop}
FunctionEnd

; Sets $R9 to 1 when $QueuePath is empty or a full path (UNC \\server\share\… or X:\…)
; that can be written as a TOML 'literal string', else 0. The program checks it again.
Function CheckQueue
  StrCpy $R9 1
  ${If} $QueuePath == ""
    Return
  ${EndIf}
  StrCpy $R8 $QueuePath
  Call HasQuote
  ${If} $R9 == 1
    StrCpy $R9 0
    Return
  ${EndIf}
  StrCpy $R9 0
  StrCpy $R0 $QueuePath 2
  StrCpy $R1 $QueuePath 2 1
  ${If} $R0 == "\\"
    StrCpy $R9 1
  ${ElseIf} $R1 == ":\"
  ${OrIf} $R1 == ":/"
    StrCpy $R9 1
  ${EndIf}
FunctionEnd

Function .onInit
  SetShellVarContext all
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "$(NEEDS_X64)" /SD IDOK
    SetErrorLevel 2
    Abort
  ${EndIf}
  SetRegView 64
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/QUEUE=" $QueuePath
  ${If} ${Errors}
    StrCpy $QueuePath ""
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/COUNTER=" $Counter
  ${If} ${Errors}
    StrCpy $Counter ""
  ${EndIf}
  Call CheckQueue
  ${If} $R9 == 0
    MessageBox MB_ICONSTOP "$(BAD_QUEUE)" /SD IDOK
    SetErrorLevel 2
    Abort
  ${EndIf}
  StrCpy $R8 $Counter
  Call HasQuote
  ${If} $R9 == 1
    MessageBox MB_ICONSTOP "$(BAD_COUNTER)" /SD IDOK
    SetErrorLevel 2
    Abort
  ${EndIf}
FunctionEnd

Function ConfigPageShow
  !insertmacro MUI_HEADER_TEXT "$(PAGE_TITLE)" "$(PAGE_SUBTITLE)"
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateLabel} 0 0 100% 12u "$(QUEUE_LABEL)"
  Pop $0
  ${NSD_CreateText} 0 14u 100% 12u "$QueuePath"
  Pop $QueueField
  ${NSD_CreateLabel} 0 36u 100% 12u "$(COUNTER_LABEL)"
  Pop $0
  ${NSD_CreateText} 0 50u 60u 12u "$Counter"
  Pop $CounterField
  nsDialogs::Show
FunctionEnd

Function ConfigPageLeave
  ${NSD_GetText} $QueueField $QueuePath
  ${NSD_GetText} $CounterField $Counter
  Call CheckQueue
  ${If} $R9 == 0
    MessageBox MB_ICONEXCLAMATION "$(BAD_QUEUE)"
    Abort
  ${EndIf}
  StrCpy $R8 $Counter
  Call HasQuote
  ${If} $R9 == 1
    MessageBox MB_ICONEXCLAMATION "$(BAD_COUNTER)"
    Abort
  ${EndIf}
FunctionEnd

Section "iin-desk" SecMain
  SectionIn RO
  SetShellVarContext all
  SetOutPath "$INSTDIR"
  File "/oname=${APP}.exe" "${EXE}"
  ; The Start-menu entry: the same window without a console (iin-desk.exe keeps its
  ; console for the command line: sync, print, backoffice …).
  File "/oname=${APP}-window.exe" "${WINDOW_EXE}"
  File "/oname=${APP}.ico" "${ICON}"
  File "/oname=THIRD-PARTY-LICENSES.md" "${LICENSES}"
  File "/oname=config.example.toml" "${CONFIG_EXAMPLE}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${APP}-window.exe" "" "$INSTDIR\${APP}-window.exe" 0

  WriteRegStr HKLM "Software\${APP}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP}.ico"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" "$\"$INSTDIR\uninstall.exe$\""
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" "$\"$INSTDIR\uninstall.exe$\" /S"
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" "$0"

  ; The machine configuration folder: administrators and SYSTEM write it, users only read
  ; it (ProgramData would otherwise let any user create the file and lock settings).
  CreateDirectory "${CONFIG_DIR}"
  nsExec::ExecToLog 'icacls "${CONFIG_DIR}" /inheritance:r /grant:r *S-1-5-32-544:(OI)(CI)F *S-1-5-18:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX'
  Pop $0

  ${If} $QueuePath != ""
  ${OrIf} $Counter != ""
    ${If} ${FileExists} "${CONFIG_DIR}\config.toml"
      Delete "${CONFIG_DIR}\config.toml.bak"
      Rename "${CONFIG_DIR}\config.toml" "${CONFIG_DIR}\config.toml.bak"
      DetailPrint "The previous configuration is kept as ${CONFIG_DIR}\config.toml.bak"
    ${EndIf}
    FileOpen $0 "${CONFIG_DIR}\config.toml" w
    FileWriteUTF16LE /BOM $0 "# Written by the iin-desk ${VERSION} installer. See config.example.toml in$\r$\n"
    FileWriteUTF16LE $0 "# $INSTDIR for every key.$\r$\n"
    ${If} $Counter != ""
      FileWriteUTF16LE $0 "counter = '$Counter'$\r$\n"
    ${EndIf}
    ${If} $QueuePath != ""
      FileWriteUTF16LE $0 "queue_path = '$QueuePath'$\r$\n"
      FileWriteUTF16LE $0 "locked = [$\"queue_path$\"]$\r$\n"
    ${EndIf}
    FileClose $0
    DetailPrint "Machine configuration written: ${CONFIG_DIR}\config.toml"
  ${EndIf}
SectionEnd

Function un.onInit
  SetShellVarContext all
  SetRegView 64
FunctionEnd

Section "Uninstall"
  SetShellVarContext all
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$INSTDIR\${APP}.exe"
  Delete "$INSTDIR\${APP}-window.exe"
  Delete "$INSTDIR\${APP}.ico"
  Delete "$INSTDIR\THIRD-PARTY-LICENSES.md"
  Delete "$INSTDIR\config.example.toml"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  DeleteRegKey HKLM "Software\${APP}"
  ; The machine configuration and the users' databases stay: they are the office's data.
SectionEnd
