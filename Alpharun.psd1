# Module manifest for Alpharun. The build copies it beside the cmdlet assembly and stamps ModuleVersion
# from Directory.Build.props (AlpharunVersion), the one place the version lives.
# Lists are comma-separated constants, not @( ... ) blocks: Import-Module compiles and runs this file, and a
# block of statements costs it about 15 ms more to compile in a fresh pwsh than a constant list.
@{
    RootModule           = 'Alpharun.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = 'd213a0bb-478c-45d0-ba98-133d8a397084'
    Author               = 'Alpharun'
    CompanyName          = 'Alpharun'
    Copyright            = '(c) 2026 Alpharun. All rights reserved.'
    Description          = 'Upload call recordings to the Alpharun API for AI assessment: pipeline-friendly, validated before sending, with a local sandbox API for trying scripts.'
    PowerShellVersion    = '5.1'
    # Windows PowerShell 5.1 needs .NET Framework 4.7.2 or later: the netstandard 2.0 facades built in, and the
    # handler properties the client sets (4.7.1+). On 4.6.2 Import-Module then says so instead of failing to load.
    DotNetFrameworkVersion = '4.7.2'
    CompatiblePSEditions = 'Desktop', 'Core'
    FormatsToProcess     = 'Alpharun.Format.ps1xml'
    CmdletsToExport      = 'Send-AlpharunRecording', 'New-AlpharunContact', 'Connect-Alpharun', 'Disconnect-Alpharun',
                           'Start-AlpharunSandbox', 'Stop-AlpharunSandbox', 'Get-AlpharunSandboxRecording',
                           'Add-AlpharunSandboxFault', 'Clear-AlpharunSandboxFault'
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = 'Alpharun', 'Recordings', 'Upload', 'CallCenter', 'AI', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS'
            ProjectUri   = 'https://github.com/alpharun/alpharun-powershell'
            LicenseUri   = 'https://github.com/alpharun/alpharun-powershell/blob/main/LICENSE'
            ReleaseNotes = 'First release: Send-AlpharunRecording, New-AlpharunContact, Connect/Disconnect-Alpharun and the local sandbox API.'
        }
    }
}
