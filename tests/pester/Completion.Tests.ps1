# Tab completion of Send-AlpharunRecording's parameters, asked for as the prompt asks: TabExpansion2.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force
    Import-AlpharunUnderTest
}

Describe 'Tab completion of Send-AlpharunRecording' {
    BeforeEach {
        $script:folder = New-TestFolder
    }

    AfterEach {
        Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
    }

    It 'offers the folders and audio files of a folder for -Path, not its other files' {
        $null = New-FakeRecording -Folder $script:folder -Name 'call.wav'
        $null = New-FakeRecording -Folder $script:folder -Name 'call.mp3'
        $null = New-FakeRecording -Folder $script:folder -Name 'notes.txt'
        $null = New-Item -ItemType Directory -Path (Join-Path $script:folder 'sub')
        $line = 'Send-AlpharunRecording -Path ' + $script:folder + [IO.Path]::DirectorySeparatorChar

        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches

        [string[]] $offered = @($completions.CompletionText | ForEach-Object { [IO.Path]::GetFileName($_.Trim("'", '"')) })
        [Array]::Sort($offered, [StringComparer]::Ordinal)
        $offered | Should -BeExactly @('call.mp3', 'call.wav', 'sub')
    }

    It 'offers for -TimeZone the IANA ids by their start or their city, and the Windows ids quoted' {
        $offer = { param($line) @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText) }

        & $offer 'Send-AlpharunRecording -TimeZone America/New_Y' | Should -BeExactly @('America/New_York')
        & $offer 'Send-AlpharunRecording -TimeZone New_Y' | Should -BeExactly @('America/New_York')
        & $offer 'Send-AlpharunRecording -TimeZone ''Eastern Standard' | Should -BeExactly @("'Eastern Standard Time'", "'Eastern Standard Time (Mexico)'")
        & $offer 'Send-AlpharunRecording -TimeZone Loc' | Should -BeExactly @('Local')
    }

    It 'offers for -Teammate and -PlaybookId the values this session used, most recent first' {
        # A new pwsh, so the session's history holds exactly these two uploads.
        $first = New-FakeRecording -Folder $script:folder -Name '1.wav'
        $second = New-FakeRecording -Folder $script:folder -Name '2.wav'
        $script = Join-Path $script:folder 'session.ps1'
        Set-Content -LiteralPath $script -Value @'
param([string] $First, [string] $Second)
Import-Module Alpharun -ErrorAction Stop
$null = Start-AlpharunSandbox
$null = Send-AlpharunRecording -LiteralPath $First -Teammate ana@acme.com -Contact bob@client.com -PlaybookId 3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6b
$null = Send-AlpharunRecording -LiteralPath $Second -Teammate li@acme.com -Contact bob@client.com
foreach ($line in 'Send-AlpharunRecording -Teammate ', 'Send-AlpharunRecording -Teammate an', 'Send-AlpharunRecording -PlaybookId ') {
    '[{0}] {1}' -f $line, (@((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText) -join ',')
}
Stop-AlpharunSandbox
'@

        $run = Invoke-PwshFile -Path $script -ArgumentList $first, $second

        $run.Error | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        @($run.Lines | Where-Object { $_ }) | Should -BeExactly @(
            '[Send-AlpharunRecording -Teammate ] li@acme.com,ana@acme.com'
            '[Send-AlpharunRecording -Teammate an] ana@acme.com'
            '[Send-AlpharunRecording -PlaybookId ] 3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6b'
        )
    }
}
