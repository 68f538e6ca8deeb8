# Recordings still being written (issue 16 item 3) and recordings reached through links (issue 18 item 1), as
# users meet them in real pwsh against the sandbox: InProgress in the output, the table and the summary; a recorder
# that stopped; -MinimumAge; a linked file and folder; a link to a device refused.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force
    Import-AlpharunUnderTest
    $script:cmdlet = ',Alpharun.Commands.SendAlpharunRecordingCommand'
    $script:send = @{ Teammate = 'ana@acme.com'; Contact = 'bob@client.com' }

    # A copy of a committed sample (see tests/Alpharun.Client.Tests/Audio/Samples/README.md), cut to -Length bytes.
    function Copy-Sample([string] $Sample, [string] $Name, [int] $Length = 0) {
        $bytes = [IO.File]::ReadAllBytes((Get-AudioSample $Sample))
        if ($Length -gt 0) { $bytes = $bytes[0..($Length - 1)] }
        $path = Join-Path $script:folder $Name
        [IO.File]::WriteAllBytes($path, [byte[]] $bytes)
        $path
    }

    # Non-empty lines of rendered text, trailing spaces removed.
    function Get-RenderedLine([Parameter(ValueFromPipeline)] $InputObject, [int] $Width) {
        begin { $all = [Collections.Generic.List[object]]::new() }
        process { $all.Add($InputObject) }
        end { @(($all | Out-String -Width $Width) -split '\r?\n' | ForEach-Object TrimEnd | Where-Object { $_ }) }
    }
}

AfterAll {
    Stop-AlpharunSandbox
}

Describe 'Send-AlpharunRecording and files that are not ready or not what they seem' {
    BeforeEach {
        # Each test has its own folder and a fresh sandbox.
        $script:folder = New-TestFolder
        Start-AlpharunSandbox | Out-Null
    }

    AfterEach {
        Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
    }

    Context 'Recordings still being written' {
        It 'outputs a WAV whose header still holds placeholder sizes as InProgress, in input order, sends the rest and counts it in the summary' {
            $a = New-TestWav -Folder $script:folder -Name 'a.wav'
            $live = Copy-Sample 'streamed.wav' 'b-live.wav'
            $c = New-TestWav -Folder $script:folder -Name 'c.wav'

            $results = @($a, $live, $c | Send-AlpharunRecording @script:send -SummaryVariable summary -ErrorVariable failures -ErrorAction SilentlyContinue)

            $failures | Should -BeNullOrEmpty
            $results.Status | Should -BeExactly @('Created', 'InProgress', 'Created')
            $results.Path | Should -BeExactly @($a, $live, $c)
            $results[1].RecordingId | Should -BeNullOrEmpty
            $results[1].Id | Should -BeNullOrEmpty
            $results[1].HttpStatus | Should -Be 0
            $results[1].Attempts | Should -Be 0
            $results[1].Length | Should -Be 16044
            $results[1].AudioDurationSeconds | Should -Be 1
            @(Get-AlpharunSandboxRecording).FileName | Sort-Object | Should -BeExactly @('a.wav', 'c.wav')
            $summary.InProgress | Should -Be 1
            $summary.Created | Should -Be 2
            $summary.Failed | Should -Be 0
            $summary.ExitCode | Should -Be 0
            $summary.ToString() | Should -BeLike '3 files: 2 created, 0 already existed, 0 skipped, 1 in progress, 0 failed; *; exit code 0.'
        }

        It 'shows InProgress in the table at 80 columns with no id, and -Verbose says why it waits' {
            $live = Copy-Sample 'streamed.wav' 'call-in-progress.wav'

            $all = Send-AlpharunRecording -LiteralPath $live @script:send -Verbose 4>&1
            $result = @($all | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] })
            $verbose = @($all | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message

            $lines = $result | Get-RenderedLine -Width 80
            $lines[0] | Should -Match '^Status\s+RecordingId\s+FileName$'
            $lines[2] | Should -Match '^InProgress\s+call-in-progress\.wav$'
            # Seconds ago: however loaded the machine, less than a minute.
            $verbose[0] | Should -Match ('^' + [regex]::Escape("'$live': not sent, it is still being written: its WAV header still holds placeholder sizes, and it was last written ") + '\d{1,2} s ago\. A later run sends it\.$')
            $verbose[-1] | Should -BeLike '1 file: 0 created, 0 already existed, 0 skipped, 1 in progress, 0 failed; 0 B accepted in *; exit code 0.'
        }

        It 'holds back an M4A still being recorded (no index yet) instead of failing it as NotAudio' {
            # tone.m4a cut before its moov box, where ffmpeg writes it last: a recorder's file mid-call.
            $live = Copy-Sample 'tone.m4a' 'call.m4a' -Length 8521

            $result = Send-AlpharunRecording -LiteralPath $live @script:send -ErrorVariable failures -ErrorAction SilentlyContinue

            $failures | Should -BeNullOrEmpty
            $result.Status | Should -BeExactly 'InProgress'
            $result.MediaType | Should -Be 'audio/mp4'
            Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
        }

        It 'sends a WAV whose recorder stopped a day ago as it is, with a warning and the length of the audio it holds' {
            $stopped = Copy-Sample 'streamed.wav' 'stopped.wav' -Length (44 + 4000)
            (Get-Item -LiteralPath $stopped).LastWriteTime = (Get-Date).AddDays(-1)

            $result = Send-AlpharunRecording -LiteralPath $stopped @script:send -WarningVariable warnings -WarningAction SilentlyContinue

            $result.Status | Should -BeExactly 'Created'
            $result.AudioDurationSeconds | Should -Be 0.25
            $warnings.Count | Should -Be 1
            $warnings[0].Message | Should -BeExactly ("'$stopped' was never finished: its WAV header still holds placeholder sizes; but it was last written 1 d ago, " +
                'more than the 6 h a recording in progress goes without a write, so the program that wrote it has probably stopped. It is sent as it is: 0.25 s of audio.')
            (Get-AlpharunSandboxRecording).AudioDuration | Should -Be ([TimeSpan]::FromMilliseconds(250))
        }

        It 'still refuses an M4A without its index once it is old: nothing in it can be played' {
            $broken = Copy-Sample 'tone.m4a' 'export.m4a' -Length 8521
            (Get-Item -LiteralPath $broken).LastWriteTime = (Get-Date).AddDays(-2)

            $result = Send-AlpharunRecording -LiteralPath $broken @script:send -ErrorVariable failures -ErrorAction SilentlyContinue -WarningVariable warnings

            $result | Should -BeNullOrEmpty
            $warnings | Should -BeNullOrEmpty
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeExactly "NotAudio$script:cmdlet"
        }

        It 'does not journal a file in progress, so the run after it is finished sends it' {
            $journal = Join-Path $script:folder 'calls.journal'
            $live = Copy-Sample 'streamed.wav' 'call.wav'

            $first = Send-AlpharunRecording -LiteralPath $live @script:send -Journal $journal
            # The recorder finishes: the file is the same, and its last write is now old.
            (Get-Item -LiteralPath $live).LastWriteTime = (Get-Date).AddHours(-7)
            $second = Send-AlpharunRecording -LiteralPath $live @script:send -Journal $journal -WarningAction SilentlyContinue
            $third = Send-AlpharunRecording -LiteralPath $live @script:send -Journal $journal -WarningAction SilentlyContinue

            $first.Status | Should -BeExactly 'InProgress'
            $second.Status | Should -BeExactly 'Created'
            $third.Status | Should -BeExactly 'Skipped'
            $third.RecordingId | Should -Be $second.RecordingId
            @(Get-Content -LiteralPath $journal).Count | Should -Be 1
        }

        It 'outputs a WAV that a recorder (ffmpeg -re) is still writing as InProgress' -Skip:(-not (Get-Command ffmpeg -ErrorAction Ignore)) {
            $live = Join-Path $script:folder 'live.wav'
            $recorder = Start-Process ffmpeg -PassThru -RedirectStandardError (Join-Path $script:folder 'ffmpeg.log') -ArgumentList @(
                '-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=8000:duration=120',
                '-flush_packets', '1', '-y', $live)
            try {
                # Waits for the recorder's first audio, with a deadline.
                $deadline = [DateTime]::UtcNow.AddSeconds(30)
                while (-not ((Test-Path -LiteralPath $live) -and (Get-Item -LiteralPath $live).Length -gt 1000)) {
                    if ([DateTime]::UtcNow -gt $deadline) { throw 'ffmpeg wrote no audio within 30 s.' }
                    Start-Sleep -Milliseconds 50  # the poll interval (the loop has a deadline), not a wait for something
                }

                $result = Send-AlpharunRecording -LiteralPath $live @script:send -Verbose 4>&1 | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] }

                $result.Status | Should -BeExactly 'InProgress'
                Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
            }
            finally {
                $recorder.Kill()
                $recorder.WaitForExit()
            }
        }
    }

    Context '-MinimumAge' {
        It 'holds back a finished file written more recently than -MinimumAge and sends an older one' {
            $recent = New-TestWav -Folder $script:folder -Name 'recent.wav'
            $older = New-TestWav -Folder $script:folder -Name 'older.wav'
            (Get-Item -LiteralPath $recent).LastWriteTime = (Get-Date).AddMinutes(-4)
            (Get-Item -LiteralPath $older).LastWriteTime = (Get-Date).AddMinutes(-20)

            $results = @(Send-AlpharunRecording -LiteralPath $recent, $older @script:send -MinimumAge '10m' -Verbose 4>&1)
            $outputs = @($results | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] })
            $verbose = @($results | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message

            $outputs.Status | Should -BeExactly @('InProgress', 'Created')
            $verbose | Should -Contain "'$recent': not sent, it is still being written: it was last written 4 min ago, less than -MinimumAge (10 min). A later run sends it."
            @(Get-AlpharunSandboxRecording).FileName | Should -BeExactly @('older.wav')
        }

        It 'takes a TimeSpan, TimeSpan text and a number with its unit alike' {
            $file = New-TestWav -Folder $script:folder -Name 'call.wav'
            (Get-Item -LiteralPath $file).LastWriteTime = (Get-Date).AddMinutes(-30)

            foreach ($age in @((New-TimeSpan -Hours 1), '01:00:00', '1h', '60m', '3600s')) {
                (Send-AlpharunRecording -LiteralPath $file @script:send -MinimumAge $age -WhatIf).Status | Should -BeExactly 'InProgress' -Because "$age"
            }
            (Send-AlpharunRecording -LiteralPath $file @script:send -MinimumAge '0.25h').Status | Should -BeExactly 'Created'
        }

        It 'refuses a bare number, which PowerShell would read as ticks, and a negative age, before any file is read' {
            $file = New-TestWav -Folder $script:folder -Name 'call.wav'

            $bare = { Send-AlpharunRecording -LiteralPath $file @script:send -MinimumAge 600 } | Should -Throw -PassThru
            $text = { Send-AlpharunRecording -LiteralPath $file @script:send -MinimumAge '10' } | Should -Throw -PassThru
            $negative = { Send-AlpharunRecording -LiteralPath $file @script:send -MinimumAge '-00:05:00' } | Should -Throw -PassThru

            $bare.FullyQualifiedErrorId | Should -BeExactly "ParameterArgumentTransformationError$script:cmdlet"
            $bare.Exception.Message | Should -BeLike "*-MinimumAge 600 has no unit. Pass a TimeSpan such as (New-TimeSpan -Minutes 10) or '00:10:00', or a number with its unit: '90s', '10m', '2h', '1d'."
            $text.Exception.Message | Should -BeLike "*-MinimumAge '10' has no unit.*"
            $negative.Exception.Message | Should -BeLike "*-MinimumAge '-00:05:00' is negative.*"
            Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
        }
    }

    # $env:OS, not $IsWindows: Windows PowerShell 5.1 has no $IsWindows, so that skipped nothing there.
    Context 'Links' -Skip:($env:OS -eq 'Windows_NT') {
        # Windows needs a privilege to make symbolic links; the behaviour is the same there by design.
        It 'uploads a recording reached through a symbolic link as the file it leads to' {
            $target = New-TestWav -Folder $script:folder -Name 'call.wav' -Frames 10000
            $link = (New-Item -ItemType SymbolicLink -Path (Join-Path $script:folder 'link.wav') -Target $target).FullName

            $result = Send-AlpharunRecording -LiteralPath $link @script:send -ErrorVariable failures -ErrorAction SilentlyContinue

            $failures | Should -BeNullOrEmpty
            $result.Status | Should -BeExactly 'Created'
            $result.FileName | Should -BeExactly 'link.wav'
            $result.Length | Should -Be 20044
            $result.AudioDurationSeconds | Should -Be 1.25
            $received = Get-AlpharunSandboxRecording
            $received.Size | Should -Be 20044
            $received.Sha256 | Should -BeExactly (Get-FileHash -LiteralPath $target -Algorithm SHA256).Hash.ToLowerInvariant()
        }

        It 'uploads the recordings of a linked folder, from Get-ChildItem -Recurse -FollowSymlink and from a wildcard through the link' {
            $real = (New-Item -ItemType Directory -Path (Join-Path $script:folder 'real')).FullName
            $root = (New-Item -ItemType Directory -Path (Join-Path $script:folder 'root')).FullName
            $a = New-TestWav -Folder $real -Name 'a.wav'
            $b = New-TestWav -Folder $real -Name 'b.wav'
            $null = New-Item -ItemType SymbolicLink -Path (Join-Path $root 'linked') -Target $real

            $recursed = @(Get-ChildItem -LiteralPath $root -Recurse -File -FollowSymlink | Send-AlpharunRecording @script:send)
            $wildcard = @(Send-AlpharunRecording -Path (Join-Path $root 'linked/*.wav') @script:send)

            $recursed.Path | Should -BeExactly @((Join-Path $root 'linked/a.wav'), (Join-Path $root 'linked/b.wav'))
            $recursed.Status | Should -BeExactly @('Created', 'Created')
            $wildcard.Status | Should -BeExactly @('AlreadyExisted', 'AlreadyExisted')
            $wildcard.RecordingId | Should -Be $recursed.RecordingId
        }

        It 'refuses a link to /dev/urandom before reading a byte of it, and uploads the rest of the batch' {
            $good = New-TestWav -Folder $script:folder -Name 'good.wav'
            $link = (New-Item -ItemType SymbolicLink -Path (Join-Path $script:folder 'random.wav') -Target '/dev/urandom').FullName

            $results = @(Send-AlpharunRecording -LiteralPath $link, $good @script:send -ErrorVariable failures -ErrorAction SilentlyContinue)

            $results.FileName | Should -BeExactly @('good.wav')
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeExactly "NotARegularFile$script:cmdlet"
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failures[0].TargetObject | Should -BeExactly $link
            $failures[0].Exception.Message | Should -BeExactly "'$link' (a link to '/dev/urandom') is not a regular file but a device or kernel file under /dev: nothing of it was read or sent. Pass the recording file itself."
            @(Get-AlpharunSandboxRecording).FileName | Should -BeExactly @('good.wav')
        }

        It 'refuses a link to /proc/self/status and to a named pipe without waiting for a writer' {
            if (-not (Test-Path -LiteralPath '/proc/self/status')) { Set-ItResult -Skipped -Because 'there is no /proc here (macOS)'; return }
            $proc = (New-Item -ItemType SymbolicLink -Path (Join-Path $script:folder 'status.wav') -Target '/proc/self/status').FullName
            $fifo = Join-Path $script:folder 'pipe'
            & mkfifo $fifo
            $pipe = (New-Item -ItemType SymbolicLink -Path (Join-Path $script:folder 'pipe.wav') -Target $fifo).FullName

            $manifest = Join-Path (Get-BuiltModuleRoot) 'Alpharun/Alpharun.psd1'

            # In a thread job, so a hang (the pipe opened, waiting for a writer) fails the test instead of the run.
            $job = Start-ThreadJob {
                Import-Module $using:manifest
                Send-AlpharunRecording -LiteralPath $using:proc, $using:pipe -Teammate ana@acme.com -Contact bob@client.com -ErrorVariable failures -ErrorAction SilentlyContinue
                $failures | ForEach-Object { $_.FullyQualifiedErrorId }
            }
            $finished = Wait-Job $job -Timeout 30
            # Had it opened the pipe, a writer lets it go on, so the run can end.
            if (-not $finished) { [IO.File]::OpenWrite($fifo).Dispose() }

            $finished | Should -Not -BeNullOrEmpty -Because 'a named pipe must never be opened'
            Receive-Job $job | Should -BeExactly @("NotARegularFile$script:cmdlet", "EmptyFile$script:cmdlet")
            Remove-Job $job -Force
        }
    }
}
