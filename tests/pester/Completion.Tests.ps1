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

    It 'completes a name with <What> for -LiteralPath and -Path exactly as Get-Item completes each' -ForEach @(
        @{ What = 'brackets'; Name = 'call [1].wav'; Typed = 'call' }
        @{ What = 'a quote and brackets'; Name = "it's [x].wav"; Typed = 'it' }
        @{ What = 'a dollar sign'; Name = 'a$b.wav'; Typed = 'a' }
        @{ What = 'a backtick'; Name = 'c`d.wav'; Typed = 'c' }
        @{ What = 'brackets, a folder'; Name = 'dir [1]'; Typed = 'dir' }
    ) {
        if ($Name.EndsWith('.wav')) { $null = New-FakeRecording -Folder $script:folder -Name $Name } else { $null = [IO.Directory]::CreateDirectory((Join-Path $script:folder $Name)) }
        Push-Location -LiteralPath $script:folder
        try {
            $shown = foreach ($parameter in 'LiteralPath', 'Path') {
                foreach ($word in "./$Typed", "'./$Typed") {
                    $ours = "Send-AlpharunRecording -$parameter $word"
                    $engines = "Get-Item -$parameter $word"
                    '{0} {1}: {2} | {3}' -f $parameter, $word,
                        (@((TabExpansion2 -inputScript $ours -cursorColumn $ours.Length).CompletionMatches.CompletionText) -join ', '),
                        (@((TabExpansion2 -inputScript $engines -cursorColumn $engines.Length).CompletionMatches.CompletionText) -join ', ')
                }
            }
        }
        finally {
            Pop-Location
        }

        foreach ($line in $shown) {
            $ours, $engines = ($line -split ': ', 2)[1] -split ' \| '
            $engines | Should -Not -BeNullOrEmpty -Because $line
            $ours | Should -BeExactly $engines -Because $line
        }
    }

    It 'completes call [1].wav to text that uploads it, for -LiteralPath and for -Path' {
        $null = Start-AlpharunSandbox
        try {
            $null = New-FakeRecording -Folder $script:folder -Name 'call [1].wav'
            Push-Location -LiteralPath $script:folder
            try {
                $results = foreach ($parameter in 'LiteralPath', 'Path') {
                    $line = "Send-AlpharunRecording -$parameter ./call"
                    $completed = @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText)
                    $completed.Count | Should -Be 1
                    $command = [scriptblock]::Create("Send-AlpharunRecording -$parameter $($completed[0]) -Teammate ana@acme.com -Contact bob@client.com")
                    [pscustomobject]@{ Parameter = $parameter; Completed = $completed[0]; Result = & $command }
                }
            }
            finally {
                Pop-Location
            }
        }
        finally {
            Stop-AlpharunSandbox
        }

        $results[0].Completed | Should -BeExactly "'./call [1].wav'"
        $results[1].Completed | Should -BeExactly "'./call ``[1``].wav'"
        $results.Result.Status | Should -BeExactly @('Created', 'AlreadyExisted')
        $results.Result.FileName | Should -BeExactly @('call [1].wav', 'call [1].wav')
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
