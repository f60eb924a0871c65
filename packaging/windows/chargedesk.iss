; Inno Setup 6 script: ChargeDesk's Windows installer, made from the one-folder bundle.
;
; Build on Windows, from the repository's root:
;   py -3.11 packaging\build_bundle.py          (makes dist\chargedesk\ and build\icons\)
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\chargedesk.iss
; The installer is written to dist\ChargeDesk-<version>-setup.exe.
; Pass another version with  ISCC /DAppVersion=1.2.3 packaging\windows\chargedesk.iss
;
; NOT built or run here (the project's CI is Linux); see docs/install.md.

#ifndef AppVersion
  #define AppVersion "1.0.0"
#endif
#define AppName "ChargeDesk"
#define AppExe "chargedesk.exe"
; The windowed twin of chargedesk.exe (no console window): what the shortcuts start.
#define DeskExe "chargedeskw.exe"
#define Root "..\.."

[Setup]
; A fixed id: upgrades replace the installed version instead of installing beside it.
AppId={{6F1C2B7E-4D3A-4C8E-9B51-2A7D0C3E8F41}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=ChargeDesk
AppPublisherURL=https://github.com/chargedesk/chargedesk
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Program Files needs an administrator; the site's data stays in each user's AppData.
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename=ChargeDesk-{#AppVersion}-setup
SetupIconFile={#Root}\build\icons\chargedesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; The bundle needs Windows 10 or later (Qt 6).
MinVersion=10.0
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "german"; MessagesFile: "compiler:Languages\German.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\chargedesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#Root}\build\icons\chargedesk.ico"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#Root}\docs\install.md"; DestDir: "{app}\docs"; Flags: ignoreversion
; The WinSW configuration for running `chargedesk serve` as a service (docs/install.md).
Source: "{#Root}\packaging\windows\chargedesk-service.xml"; DestDir: "{app}\service"; Flags: ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#DeskExe}"; IconFilename: "{app}\chargedesk.ico"; Comment: "{#AppName}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#DeskExe}"; IconFilename: "{app}\chargedesk.ico"; Tasks: desktopicon

[Run]
Filename: "{app}\{#DeskExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program wrote into its own folder; the site's database in AppData or
; ProgramData is never removed by the uninstaller.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
