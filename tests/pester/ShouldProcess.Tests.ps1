# -Confirm as a user answers it at the prompt of a real pwsh (answers typed on its standard input).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force
    $script:folder = New-TestFolder
    $null = 1..3 | ForEach-Object { New-FakeRecording -Folder $script:folder -Name "confirm-$_.wav" }
    # Prints one line per result and what the sandbox received, so the test reads the outcome from the child's output.
    $script:script = Join-Path $script:folder 'confirm.ps1'
    Set-Content -LiteralPath $script:script -Value @'
param([string] $Folder)
Import-Module Alpharun -ErrorAction Stop
$null = Start-AlpharunSandbox
Get-ChildItem -LiteralPath $Folder -Filter *.wav | Sort-Object Name | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 1 -Confirm | ForEach-Object { "RESULT $($_.FileName) $($_.Status)" }
"RECEIVED $(@(Get-AlpharunSandboxRecording | Sort-Object FileName | ForEach-Object FileName) -join ',')"
'@
}

AfterAll {
    Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
}

Describe 'Send-AlpharunRecording -Confirm' {
    It 'sends exactly the files answered <Answers>' -ForEach @(
        @{ Answers = @('N', 'N', 'N'); Sent = @() }
        @{ Answers = @('Y', 'N', 'Y'); Sent = @('confirm-1.wav', 'confirm-3.wav') }
        @{ Answers = @('A'); Sent = @('confirm-1.wav', 'confirm-2.wav', 'confirm-3.wav') }
        @{ Answers = @('Y', 'L'); Sent = @('confirm-1.wav') }
    ) {
        $run = Invoke-PwshFile -Path $script:script -ArgumentList '-Folder', $script:folder -InputLines $Answers
        $run.ExitCode | Should -Be 0
        @($run.Lines | Where-Object { $_ -like 'RESULT *' }) | Should -Be @($Sent | ForEach-Object { "RESULT $_ Created" })
        $run.Lines | Should -Contain "RECEIVED $($Sent -join ',')"
    }
}
