# examples/NightlyUpload.ps1 run as a scheduler runs it: 'pwsh -NonInteractive -File', read by its exit code and its
# log, under every way a night can end. The key and address reach the child through the environment, as on a
# service account.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force
    Import-AlpharunUnderTest
    $script:nightly = Join-Path (Get-RepoRoot) 'examples/NightlyUpload.ps1'
    $script:retry = Join-Path (Get-RepoRoot) 'examples/RetryFailures.ps1'
    $script:apiKey = 'sbx-nightly-0123456789'

    function Invoke-Nightly([string[]] $More = @(), [hashtable] $Environment = $script:environment) {
        $arguments = @('-Folder', $script:calls, '-Teammate', 'ana@acme.com', '-Contact', 'bob@client.com') + $More
        Invoke-PwshFile -Path $script:nightly -ArgumentList $arguments -Environment $Environment
    }

    function New-Call([string] $Name, [int] $Length = 2048) { New-FakeRecording -Folder $script:calls -Name $Name -Length $Length }

    # The log rows of the day, as CSV objects.
    function Get-LogRow { @(Get-ChildItem -LiteralPath $script:state -Filter 'uploads-*.csv' | ForEach-Object { Import-Csv -LiteralPath $_.FullName }) }

    function Get-ReceivedId { @(Get-AlpharunSandboxRecording | ForEach-Object { "$($_.RecordingId)" } | Sort-Object -Unique) }

    function Wait-Until([scriptblock] $Condition, [string] $Because, [int] $Seconds = 60) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "Timed out after $Seconds s waiting until $Because." }
            Start-Sleep -Milliseconds 100  # a poll with a deadline, not a wait for a fixed time
        }
    }
}

AfterAll {
    Stop-AlpharunSandbox
}

Describe 'NightlyUpload.ps1 under a scheduler' {
    BeforeEach {
        $sandbox = Start-AlpharunSandbox -ApiKey (ConvertTo-SecureString $script:apiKey -AsPlainText -Force)
        $script:environment = @{ ALPHARUN_API_KEY = $script:apiKey; ALPHARUN_BASE_URI = $sandbox.BaseUri.AbsoluteUri }
        $script:root = New-TestFolder
        $script:calls = Join-Path $script:root 'calls'
        $script:state = Join-Path $script:calls '.alpharun'
        $null = New-Item -ItemType Directory -Path $script:calls
    }

    AfterEach {
        Stop-AlpharunSandbox
        Remove-Item -LiteralPath $script:root -Recurse -Force -ErrorAction Ignore
    }

    It 'exits 0 when every file was accepted, logs every id, and the next night sends only the new file' {
        1..3 | ForEach-Object { $null = New-Call "$_.wav" }

        $first = Invoke-Nightly
        $null = New-Call '4.wav'
        $second = Invoke-Nightly

        $first.Error | Should -BeNullOrEmpty
        $first.ExitCode | Should -Be 0
        $first.Output | Should -Match '3 files: 3 created, 0 already existed, 0 skipped, 0 in progress, 0 failed;'
        $second.ExitCode | Should -Be 0
        $second.Output | Should -Match '4 files: 1 created, 0 already existed, 3 skipped, 0 in progress, 0 failed;'
        $rows = Get-LogRow
        $rows.Status | Should -BeExactly @('Created', 'Created', 'Created', 'Created')
        @($rows.RecordingId | Sort-Object) | Should -BeExactly (Get-ReceivedId)
        @(Import-Csv -LiteralPath (Join-Path $script:state 'failures.csv')).Count | Should -Be 0
    }

    It 'exits 0 with a call still being recorded, logs nothing for it, and sends it the night after it is finished' {
        $old = New-Call '1.wav'
        (Get-Item -LiteralPath $old).LastWriteTime = (Get-Date).AddHours(-2)
        # A recorder's WAV mid-call: its header still holds the placeholder sizes it writes first.
        $live = Join-Path $script:calls 'live.wav'
        Copy-Item -LiteralPath (Get-AudioSample 'streamed.wav') -Destination $live
        $young = Join-Path $script:calls 'young.wav'
        $null = New-TestWav -Folder $script:calls -Name 'young.wav'

        $first = Invoke-Nightly '-MinimumAge', '1h'
        # The call ends: the recorder writes the real sizes (a finished WAV in its place), and it is an hour later.
        $null = New-TestWav -Folder $script:calls -Name 'live.wav'
        (Get-Item -LiteralPath $live).LastWriteTime = (Get-Date).AddHours(-2)
        (Get-Item -LiteralPath $young).LastWriteTime = (Get-Date).AddHours(-2)
        $second = Invoke-Nightly '-MinimumAge', '1h'

        $first.ExitCode | Should -Be 0
        $first.Output | Should -Match '3 files: 1 created, 0 already existed, 0 skipped, 2 in progress, 0 failed;'
        $second.ExitCode | Should -Be 0
        $second.Output | Should -Match '3 files: 2 created, 0 already existed, 1 skipped, 0 in progress, 0 failed;'
        $rows = Get-LogRow
        @(Split-Path -Leaf $rows.Path | Sort-Object) | Should -BeExactly @('1.wav', 'live.wav', 'young.wav')
        @(Get-AlpharunSandboxRecording).Count | Should -Be 3
    }

    It 'exits 1 when a file fails, lists it, and leaves a file no rerun can fix out of later nights until it changes' {
        $null = New-Call '1.wav'
        $bad = Join-Path $script:calls 'notes.wav'
        Set-Content -LiteralPath $bad -Value '%PDF-1.7 not a recording' -NoNewline

        $first = Invoke-Nightly
        $second = Invoke-Nightly
        Add-Content -LiteralPath $bad -Value ' changed'
        $third = Invoke-Nightly

        $first.ExitCode | Should -Be 1
        $first.Output | Should -Match '2 files: 1 created, 0 already existed, 0 skipped, 0 in progress, 1 failed;'
        $second.ExitCode | Should -Be 0 -Because 'the refused file did not change'
        $second.Output | Should -Match '1 file\(s\) refused on an earlier night left out'
        $third.ExitCode | Should -Be 1 -Because 'the file changed, so it was tried again'
        $rejected = @(Import-Csv -LiteralPath (Join-Path $script:state 'rejected.csv'))
        $rejected.Path | Should -BeExactly @($bad, $bad)
        $rejected.ErrorId | Should -BeExactly @('NotAudio', 'NotAudio')
        @(Get-LogRow).Count | Should -Be 1
    }

    It 'exits 2 on a key refused mid-batch, and its log holds every id the API accepted before it' {
        1..4 | ForEach-Object { $null = New-Call "$_.wav" }
        Add-AlpharunSandboxFault -StatusCode 401 -FileName '3.wav'

        $run = Invoke-Nightly '-ThrottleLimit', '1'

        $run.ExitCode | Should -Be 2
        $run.Error | Should -Match 'ApiKeyRejected|HTTP 401'
        $run.Output | Should -Match 'stopped early by ApiKeyRejected; exit code 2\.'
        $rows = Get-LogRow
        @($rows).Count | Should -Be 2
        @($rows.RecordingId | Sort-Object) | Should -BeExactly (Get-ReceivedId)
        @(Split-Path -Leaf $rows.Path) | Should -BeExactly @('1.wav', '2.wav')
    }

    It 'exits 2 when the API asks for a longer wait than it allows, logging what was accepted' {
        1..3 | ForEach-Object { $null = New-Call "$_.wav" }
        Add-AlpharunSandboxFault -StatusCode 429 -RetryAfter 7200 -FileName '2.wav'

        $run = Invoke-Nightly '-ThrottleLimit', '1'

        $run.ExitCode | Should -Be 2
        $run.Output | Should -Match 'stopped early by RateLimited'
        @(Get-LogRow).RecordingId | Should -BeExactly (Get-ReceivedId)
        @(Get-LogRow).Count | Should -Be 1
    }

    It 'exits 2 when the API cannot be reached, and sends nothing' {
        1..3 | ForEach-Object { $null = New-Call "$_.wav" }
        $closed = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $closed.Start(); $port = $closed.LocalEndpoint.Port; $closed.Stop()
        $environment = @{ ALPHARUN_API_KEY = $script:apiKey; ALPHARUN_BASE_URI = "http://127.0.0.1:$port/api/v1" }

        $run = Invoke-Nightly -Environment $environment

        $run.ExitCode | Should -Be 2
        $run.Output | Should -Match 'stopped early by ConnectionFailed'
        @(Get-LogRow).Count | Should -Be 0
    }

    It 'exits 3 without a key, and sends nothing' {
        $null = New-Call '1.wav'

        $run = Invoke-Nightly -Environment @{ ALPHARUN_API_KEY = $null; ALPHARUN_BASE_URI = $script:environment.ALPHARUN_BASE_URI }

        $run.ExitCode | Should -Be 3
        $run.Error | Should -Match 'could not start'
        Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
    }

    It 'reads the key from a SecretManagement vault with -VaultName, and exits 3 when the vault does not hold it' {
        $null = New-Call '1.wav'
        # Stands in for Microsoft.PowerShell.SecretManagement (not installable here): a module of that name whose
        # Get-Secret knows one secret, found on the child's PSModulePath as the real one would be.
        $modules = Join-Path $script:root 'modules'
        $fake = New-Item -ItemType Directory -Path (Join-Path $modules 'Microsoft.PowerShell.SecretManagement') -Force
        Set-Content -LiteralPath (Join-Path $fake 'Microsoft.PowerShell.SecretManagement.psm1') -Value @"
function Get-Secret { param([string] `$Name, [string] `$Vault)
    if (`$Name -eq 'alpharun' -and `$Vault -eq 'svc') { ConvertTo-SecureString '$($script:apiKey)' -AsPlainText -Force }
    else { throw "No secret `$Name in vault `$Vault." } }
"@
        $environment = @{
            ALPHARUN_API_KEY = $null
            ALPHARUN_BASE_URI = $script:environment.ALPHARUN_BASE_URI
            PSModulePath = $modules + [IO.Path]::PathSeparator + (Get-BuiltModuleRoot) + [IO.Path]::PathSeparator + $env:PSModulePath
        }

        $run = Invoke-Nightly '-VaultName', 'svc' -Environment $environment
        $wrong = Invoke-Nightly '-VaultName', 'other' -Environment $environment

        $run.ExitCode | Should -Be 0
        @(Get-LogRow).Count | Should -Be 1
        $wrong.ExitCode | Should -Be 3
        $wrong.Error | Should -Match 'cannot start'
    }

    It 'exits 3 for a missing folder and never creates it' {
        $missing = Join-Path $script:root 'unmounted-share'
        $script:calls = $missing

        $run = Invoke-Nightly

        $run.ExitCode | Should -Be 3
        $run.Error | Should -Match ([regex]::Escape("The folder '$missing' does not exist"))
        Test-Path -LiteralPath $missing | Should -BeFalse
    }

    It 'after kill -9, the next run logs what the killed run had accepted, from the journal, each id once' {
        $files = 1..12 | ForEach-Object { New-Call ('{0:00}.wav' -f $_) }
        # The first upload to arrive waits a minute for its answer: the files after it are accepted and journaled, but
        # their output (in input order) waits behind it, so the killed run never logs them.
        Add-AlpharunSandboxFault -Stall '00:01:00'
        $journal = Join-Path $script:state 'uploads.journal'
        # Started as Invoke-PwshFile does (also under Windows PowerShell 5.1), but not waited for: Kill() is kill -9
        # (TerminateProcess on Windows).
        $start = New-PwshStartInfo -Path $script:nightly -ArgumentList '-Folder', $script:calls, '-Teammate', 'ana@acme.com', '-Contact', 'bob@client.com' -Environment $script:environment
        $start.RedirectStandardError = $false
        $job = [Diagnostics.Process]::Start($start)
        try {
            Wait-Until { @(Get-AlpharunSandboxRecording).Count -eq 12 } 'the sandbox received all 12 uploads'
            Wait-Until { (Test-Path -LiteralPath $journal) -and @(Get-Content -LiteralPath $journal).Count -ge 11 } 'the 11 answered uploads were journaled'
            $job.Kill()
            $job.WaitForExit()
        }
        finally {
            if (-not $job.HasExited) { $job.Kill() }
        }
        $loggedByKilled = @(Get-LogRow).Count
        Clear-AlpharunSandboxFault

        $rerun = Invoke-Nightly

        $rerun.ExitCode | Should -Be 0
        $loggedByKilled | Should -BeLessThan 11 -Because 'the killed run could not log the uploads waiting behind the stalled one'
        $rows = Get-LogRow
        @($rows.RecordingId | Sort-Object) | Should -BeExactly (Get-ReceivedId) -Because 'every id the API accepted is logged exactly once'
        @($rows | Where-Object Note -Like '*from the journal*').Count | Should -Be (11 - $loggedByKilled)
    }
}

Describe 'RetryFailures.ps1 under a scheduler' {
    BeforeEach {
        $sandbox = Start-AlpharunSandbox -ApiKey (ConvertTo-SecureString $script:apiKey -AsPlainText -Force)
        $script:environment = @{ ALPHARUN_API_KEY = $script:apiKey; ALPHARUN_BASE_URI = $sandbox.BaseUri.AbsoluteUri }
        $script:root = New-TestFolder
    }

    AfterEach {
        Stop-AlpharunSandbox
        Remove-Item -LiteralPath $script:root -Recurse -Force -ErrorAction Ignore
    }

    It 'sends the failures a rerun can fix, leaves out those it cannot, and exits 0' {
        $a = New-FakeRecording -Folder $script:root -Name 'a.wav'
        $bad = New-FakeRecording -Folder $script:root -Name 'bad.wav'
        $failureLog = Join-Path $script:root 'failures.csv'
        @(
            [pscustomobject]@{ Path = $a; ErrorId = 'ServerError'; Message = 'x' }
            [pscustomobject]@{ Path = $bad; ErrorId = 'NotAudio'; Message = 'a PDF document' }
        ) | Export-Csv -LiteralPath $failureLog -NoTypeInformation

        $run = Invoke-PwshFile -Path $script:retry -ArgumentList '-FailureLog', $failureLog, '-Teammate', 'ana@acme.com', '-Contact', 'bob@client.com' -Environment $script:environment

        $run.ExitCode | Should -Be 0
        $run.Output | Should -Match '1 row\(s\) left out: the file itself cannot be sent \(NotAudio\)'
        @(Get-AlpharunSandboxRecording).FileName | Should -BeExactly @('a.wav')
    }

    It 'exits 2 when the key is refused, and 3 when the failures CSV is missing' {
        $a = New-FakeRecording -Folder $script:root -Name 'a.wav'
        $failureLog = Join-Path $script:root 'failures.csv'
        [pscustomobject]@{ Path = $a; ErrorId = 'ServerError'; Message = 'x' } | Export-Csv -LiteralPath $failureLog -NoTypeInformation
        $wrongKey = @{ ALPHARUN_API_KEY = 'sbx-wrong-key-000000'; ALPHARUN_BASE_URI = $script:environment.ALPHARUN_BASE_URI }

        $refused = Invoke-PwshFile -Path $script:retry -ArgumentList '-FailureLog', $failureLog, '-Teammate', 'ana@acme.com', '-Contact', 'bob@client.com' -Environment $wrongKey
        $missing = Invoke-PwshFile -Path $script:retry -ArgumentList '-FailureLog', (Join-Path $script:root 'none.csv'), '-Teammate', 'ana@acme.com', '-Contact', 'bob@client.com' -Environment $script:environment

        $refused.ExitCode | Should -Be 2
        $missing.ExitCode | Should -Be 3
    }
}
