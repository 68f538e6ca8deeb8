<#
.SYNOPSIS
    Uploads the example recordings into a local Alpharun sandbox, twice: the first run creates them, the
    second finds them already there and returns the same ids.
.DESCRIPTION
    Needs no account and no network: Start-AlpharunSandbox runs the Alpharun API on 127.0.0.1 inside this
    PowerShell session and connects the session to it. Swap Start-AlpharunSandbox for Connect-Alpharun to
    upload to your real account.
#>
[CmdletBinding()]
param(
    # Folder of recordings to upload.
    [string] $RecordingFolder = (Join-Path $PSScriptRoot 'recordings')
)

# The installed module, or else the one 'dotnet build Alpharun.sln' laid out in this repo.
if (Get-Module -ListAvailable -Name Alpharun) { Import-Module Alpharun -ErrorAction Stop }
else { Import-Module (Join-Path $PSScriptRoot '../out/module/Alpharun/Alpharun.psd1') -ErrorAction Stop }

$sandbox = Start-AlpharunSandbox
Write-Host "Sandbox Alpharun API listening at $($sandbox.BaseUri)"

try {
    foreach ($run in 'First run (new recordings)', 'Second run (same files again)') {
        Write-Host ''
        Write-Host $run
        # Out-Host prints this run's table now; left to the end of the script, pwsh would print both
        # headings (Write-Host is immediate) before the tables.
        Get-ChildItem -Path $RecordingFolder -Filter *.wav |
            Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com |
            Out-Host
    }
}
finally {
    Stop-AlpharunSandbox
}
