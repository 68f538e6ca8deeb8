# -SummaryVariable: what a scheduled job learns about a run, however the run ends.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force
    Import-AlpharunUnderTest
    function New-FakeRecording([string] $Name, [int] $Length = 2048) { TestKit\New-FakeRecording -Folder $script:folder -Name $Name -Length $Length }
    $script:cmdlet = ',Alpharun.Commands.SendAlpharunRecordingCommand'
    $script:send = @{ Teammate = 'ana@acme.com'; Contact = 'bob@client.com' }
}

AfterAll {
    Stop-AlpharunSandbox
}

Describe 'Send-AlpharunRecording -SummaryVariable' {
    BeforeEach {
        $script:folder = New-TestFolder
        Start-AlpharunSandbox | Out-Null
    }

    AfterEach {
        Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
    }

    It 'counts a finished run by outcome, with the bytes accepted, and exit code 1 when a file failed' {
        $files = (New-FakeRecording 'a.wav' 3000), (New-FakeRecording 'b.wav' 0), (New-FakeRecording 'c.wav' 5000)

        $null = $files | Send-AlpharunRecording @send -SummaryVariable run -ErrorAction SilentlyContinue

        $run.PSObject.TypeNames[0] | Should -BeExactly 'Alpharun.UploadSummary'
        $run.Created | Should -Be 2
        $run.AlreadyExisted | Should -Be 0
        $run.Skipped | Should -Be 0
        $run.InProgress | Should -Be 0
        $run.Failed | Should -Be 1
        $run.Files | Should -Be 3
        $run.Bytes | Should -Be 8000
        $run.StoppedBy | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 1
        $run.Elapsed | Should -BeOfType [timespan]
    }

    It 'counts repeats and journal skips, and exit code 0 when nothing failed' {
        $files = (New-FakeRecording 'a.wav'), (New-FakeRecording 'b.wav')
        $journal = Join-Path $script:folder 'run.journal'
        $null = $files[0] | Send-AlpharunRecording @send -Journal $journal
        $null = $files[1] | Send-AlpharunRecording @send

        $null = $files | Send-AlpharunRecording @send -Journal $journal -SummaryVariable run

        $run.Skipped | Should -Be 1
        $run.AlreadyExisted | Should -Be 1
        $run.Created | Should -Be 0
        $run.Bytes | Should -Be 2048 -Because 'a skipped file was not sent; the repeat was'
        $run.ExitCode | Should -Be 0
    }

    It 'names a batch-stopping error and counts what the API accepted before it, exit code 2' {
        $files = 1..4 | ForEach-Object { New-FakeRecording "call-$_.wav" }
        $null = $files[0] | Send-AlpharunRecording @send
        Add-AlpharunSandboxFault -StatusCode 401 -Count 10

        $caught = $null
        try { $null = $files | Send-AlpharunRecording @send -ThrottleLimit 1 -SummaryVariable run } catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -BeExactly "ApiKeyRejected$script:cmdlet"
        $run.StoppedBy | Should -BeExactly 'ApiKeyRejected'
        $run.ExitCode | Should -Be 2
        $run.Created + $run.AlreadyExisted | Should -Be 0
    }

    It 'names the file''s own error when -ErrorAction Stop ends the run' {
        $good = New-FakeRecording 'a.wav'
        $empty = New-FakeRecording 'b.wav' 0

        $caught = $null
        try { $null = $good, $empty | Send-AlpharunRecording @send -ThrottleLimit 1 -SummaryVariable run -ErrorAction Stop } catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -BeExactly "EmptyFile$script:cmdlet"
        $run.StoppedBy | Should -BeExactly 'EmptyFile'
        $run.Created | Should -Be 1
        $run.Failed | Should -Be 1
        $run.ExitCode | Should -Be 2
    }

    It 'says PipelineStopped when a command after it stops the run, and counts what was output' {
        $files = 1..3 | ForEach-Object { New-FakeRecording "call-$_.wav" }

        $first = $files | Send-AlpharunRecording @send -ThrottleLimit 1 -SummaryVariable run | Select-Object -First 1

        $first.Status | Should -BeExactly 'Created'
        $run.StoppedBy | Should -BeExactly 'PipelineStopped'
        $run.ExitCode | Should -Be 2
        $run.Created | Should -BeGreaterOrEqual 1
    }

    It 'is set when a mistake in the arguments stops the run before any file is read' {
        $file = New-FakeRecording 'a.wav'

        $caught = $null
        try { Send-AlpharunRecording -LiteralPath $file -Teammate 'ana@acme' -Contact bob@client.com -SummaryVariable run } catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -BeExactly "InvalidTeammate$script:cmdlet"

        $run.StoppedBy | Should -BeExactly 'InvalidTeammate'
        $run.Files | Should -Be 0
        $run.ExitCode | Should -Be 2
    }

    It 'is set in the scope of the caller, a script run with pwsh -File too' {
        $file = New-FakeRecording 'a.wav'
        $script = Join-Path $script:folder 'job.ps1'
        Set-Content -LiteralPath $script -Value @'
param($File)
Import-Module Alpharun
Send-AlpharunRecording -LiteralPath $File -Teammate ana@acme.com -Contact bob@client.com -SummaryVariable run | Out-Null
"created=$($run.Created) exit=$($run.ExitCode)"
exit $run.ExitCode
'@
        $key = 'sbx-summary-0123456789'
        $sandbox = Start-AlpharunSandbox -ApiKey (ConvertTo-SecureString $key -AsPlainText -Force)

        $job = Invoke-PwshFile -Path $script -ArgumentList $file -Environment @{ ALPHARUN_API_KEY = $key; ALPHARUN_BASE_URI = $sandbox.BaseUri.AbsoluteUri }

        $job.Error | Should -BeNullOrEmpty
        $job.Lines | Should -Contain 'created=1 exit=0'
        $job.ExitCode | Should -Be 0
    }

    It 'ends -Verbose with the same summary as one line' {
        $files = (New-FakeRecording 'a.wav' 1024), (New-FakeRecording 'b.wav' 0)

        $verbose = $files | Send-AlpharunRecording @send -SummaryVariable run -Verbose -ErrorAction SilentlyContinue 4>&1 |
            Where-Object { $_ -is [Management.Automation.VerboseRecord] }

        $last = @($verbose)[-1].Message
        $last | Should -BeExactly $run.ToString()
        $last | Should -Match '^2 files: 1 created, 0 already existed, 0 skipped, 0 in progress, 1 failed; 1\.0 KiB accepted in \d+\.\d s; exit code 1\.$'
    }
}
