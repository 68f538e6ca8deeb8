# What Send-AlpharunRecording finds in the audio: not-audio refused, the true type sent, the length and the recording date reported.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force
    Import-AlpharunUnderTest
    $script:folder = New-TestFolder
    $script:cmdlet = ',Alpharun.Commands.SendAlpharunRecordingCommand'
    function Copy-Sample([string] $Sample, [string] $Name) {
        $path = Join-Path $script:folder $Name
        Copy-Item -LiteralPath (Get-AudioSample $Sample) -Destination $path
        $path
    }
}

AfterAll {
    Stop-AlpharunSandbox
    Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
}

Describe 'The content check' {
    BeforeEach {
        Stop-AlpharunSandbox
        Start-AlpharunSandbox | Out-Null
    }

    It 'refuses a PDF named .wav with one NotAudio error naming what it looks like, and uploads the rest of the batch' {
        $pdf = Join-Path $script:folder 'b-export.wav'
        [IO.File]::WriteAllText($pdf, "%PDF-1.7`n1 0 obj`n<< /Type /Catalog >>`nendobj`n")
        $good = New-TestWav -Folder $script:folder -Name 'a-call.wav'

        $results = @(Send-AlpharunRecording -LiteralPath $good, $pdf -Teammate ana@acme.com -Contact bob@client.com -ErrorVariable failures -ErrorAction SilentlyContinue)

        $results.FileName | Should -Be @('a-call.wav')
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeExactly "NotAudio$script:cmdlet"
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $failures[0].TargetObject | Should -Be $pdf
        $failures[0].Exception.Message | Should -BeExactly "The file '$pdf' is not audio: it looks like a PDF document. Pass the recording itself (WAV, MP3, MP4/M4A, Ogg, FLAC or WebM); if it was exported cut short, export it again."
        (Get-AlpharunSandboxRecording).FileName | Should -Be @('a-call.wav')
    }

    It 'sends a FLAC named .wav as audio/flac and says so with -Verbose' {
        $file = Copy-Sample 'tone.flac' 'renamed.wav'

        $all = Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-03-05T09:15:00Z' -Verbose 4>&1
        $result = @($all | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] })[0]
        $verbose = @($all | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message

        $result.MediaType | Should -Be 'audio/flac'
        (Get-AlpharunSandboxRecording).AudioContentType | Should -Be 'audio/flac'
        $verbose | Should -Contain "'$file': FLAC audio, 3 s long. Its extension '.wav' says audio/wav: sent as audio/flac, the type of its content."
    }

    It 'sends an unrecognised file as its extension says, with a verbose note and no length' {
        $file = New-FakeRecording -Folder $script:folder -Name 'odd.mp3'

        $all = Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -Verbose 4>&1
        $result = @($all | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] })[0]
        $verbose = @($all | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message

        $result.MediaType | Should -Be 'audio/mpeg'
        $result.AudioDurationSeconds | Should -BeNullOrEmpty
        $verbose | Should -Contain "'$file': its content is not a format the module recognises (WAV, MP3, MP4/M4A, Ogg, FLAC, WebM, AIFF, AU, AMR, WMA, CAF, W64); sent as audio/mpeg, from its extension."
    }

    It 'reports the exact length of a WAV in seconds, and the sandbox the same' {
        $file = New-TestWav -Folder $script:folder -Name 'len.wav' -Frames 12345 -SampleRate 8000

        $result = Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com

        $result.AudioDurationSeconds | Should -Be 1.543
        $result.AudioDurationSeconds | Should -BeOfType [double]
        (Get-AlpharunSandboxRecording).AudioDuration | Should -Be ([TimeSpan]::FromTicks(15431250))
    }
}

Describe 'Audio types beyond the common six (issue 18)' {
    BeforeEach {
        Stop-AlpharunSandbox
        Start-AlpharunSandbox | Out-Null
    }

    It 'sends <Sample> as <Type>, the type of its content, also when it is named .wav' -ForEach @(
        @{ Sample = 'tone.aiff'; Type = 'audio/aiff' }
        @{ Sample = 'tone-alaw.aifc'; Type = 'audio/aiff' }
        @{ Sample = 'tone.au'; Type = 'audio/basic' }
        @{ Sample = 'tone.amr'; Type = 'audio/amr' }
        @{ Sample = 'tone.wma'; Type = 'audio/x-ms-wma' }
        @{ Sample = 'tone.caf'; Type = 'audio/x-caf' }
        @{ Sample = 'tone.w64'; Type = 'audio/x-w64' }
    ) {
        $named = Copy-Sample $Sample "as-named-$Sample"
        $renamed = Copy-Sample $Sample "renamed-$Sample.wav"

        $results = Send-AlpharunRecording -LiteralPath $named, $renamed -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-03-05T09:15:00Z' -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        $results.MediaType | Should -Be @($Type, $Type)
        (Get-AlpharunSandboxRecording | Sort-Object FileName).AudioContentType | Should -Be @($Type, $Type)
    }

    It 'sends raw GSM, which has no signature, as audio/gsm by its extension' {
        $file = Copy-Sample 'tone.gsm' 'call.gsm'

        $result = Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-03-05T09:15:00Z'

        $result.MediaType | Should -Be 'audio/gsm'
        (Get-AlpharunSandboxRecording).AudioContentType | Should -Be 'audio/gsm'
    }

    It 'refuses a damaged WAV naming ffprobe and sox to check it with, and sends nothing' {
        # The fmt chunk cut out: damaged whatever its age. (A WAV cut short is a recording still being written, or
        # whose recorder stopped: InProgress or sent with a warning, see Readiness.Tests.ps1.)
        $whole = [IO.File]::ReadAllBytes((New-TestWav -Folder $script:folder -Name 'whole.wav' -Frames 8000))
        $damaged = Join-Path $script:folder 'damaged.wav'
        $noFormat = [byte[]] ($whole[0..11] + $whole[36..($whole.Length - 1)])
        [BitConverter]::GetBytes([uint32]($noFormat.Length - 8)).CopyTo($noFormat, 4)
        [IO.File]::WriteAllBytes($damaged, $noFormat)

        Send-AlpharunRecording -LiteralPath $damaged -Teammate ana@acme.com -Contact bob@client.com -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeExactly "NotAudio$script:cmdlet"
        $failures[0].Exception.Message | Should -BeExactly ("The file '$damaged' is not usable audio: it looks like a damaged WAV: it has no format chunk. " +
            "Check it with ffprobe -v error -i `"$damaged`" or sox --info `"$damaged`", which say what is wrong; if it was exported cut short, export it again.")
        Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
    }
}

Describe 'recorded_at from the recording''s metadata' {
    BeforeEach {
        Stop-AlpharunSandbox
        Start-AlpharunSandbox | Out-Null
    }

    It 'sends the bext date of a WAV in the local zone, says so, and reports RecordedAtSource Metadata' {
        $file = New-TestWav -Folder $script:folder -Name 'bext.wav' -BextDate '2024-03-05 14:30:00'
        $local = [DateTimeOffset]::new([datetime]::new(2024, 3, 5, 14, 30, 0, [DateTimeKind]::Local))

        $all = Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -Verbose 4>&1
        $result = @($all | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] })[0]
        $verbose = @($all | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message

        $result.RecordedAtSource | Should -Be 'Metadata'
        [DateTimeOffset]::Parse($result.RecordedAt, [cultureinfo]::InvariantCulture) | Should -Be $local
        (Get-AlpharunSandboxRecording).RecordedAtParsed | Should -Be $local
        @($verbose | Where-Object { $_.Contains('bext metadata') -and $_.Contains('local zone was assumed') }).Count | Should -Be 1
    }

    It 'sends the creation time of an MP4 and reports RecordedAtSource Metadata' {
        $file = Copy-Sample 'tone.m4a' 'mp4-call.m4a'

        $result = Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com

        $result.RecordedAtSource | Should -Be 'Metadata'
        $result.RecordedAt | Should -Be '2024-03-05T11:20:30+00:00'
    }

    It 'reads an ID3v2.3 date and time of day (TYER, TDAT and TIME, as ffmpeg writes them) as TDRC is read' {
        $file = Copy-Sample 'id3v23.mp3' 'v23.mp3'

        $all = Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -Verbose 4>&1
        $result = @($all | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] })[0]
        $verbose = @($all | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message

        $result.RecordedAtSource | Should -Be 'Metadata'
        [DateTimeOffset]::Parse($result.RecordedAt, [cultureinfo]::InvariantCulture) | Should -Be ([DateTimeOffset]::new([datetime]::new(2023, 11, 2, 14, 30, 0, [DateTimeKind]::Local)))
        @($verbose | Where-Object { $_.Contains('TYER/TDAT/TIME metadata') }).Count | Should -Be 1
    }

    It 'keeps the last write time of a file whose ICRD gives only its day, when it falls on that day, and says so' {
        $sameDay = Copy-Sample 'icrd.wav' 'same-day.wav'
        $later = Copy-Sample 'icrd.wav' 'copied-later.wav'
        $written = [datetime]::new(2023, 11, 2, 16, 45, 12, [DateTimeKind]::Local)
        [IO.File]::SetLastWriteTime($sameDay, $written)
        [IO.File]::SetLastWriteTime($later, [datetime]::new(2024, 1, 9, 8, 0, 0, [DateTimeKind]::Local))

        $all = Send-AlpharunRecording -LiteralPath $sameDay, $later -Teammate ana@acme.com -Contact bob@client.com -Verbose 4>&1
        $results = @($all | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] })
        $verbose = @($all | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message

        $results.RecordedAtSource | Should -Be @('LastWriteTime', 'Metadata')
        [DateTimeOffset]::Parse($results[0].RecordedAt, [cultureinfo]::InvariantCulture) | Should -Be ([DateTimeOffset]::new($written))
        [DateTimeOffset]::Parse($results[1].RecordedAt, [cultureinfo]::InvariantCulture) | Should -Be ([DateTimeOffset]::new([datetime]::new(2023, 11, 2, 0, 0, 0, [DateTimeKind]::Local)))
        @($verbose | Where-Object { $_.Contains("its ICRD metadata gives the date 2023-11-02 without a time of day") -and $_.Contains($sameDay) }).Count | Should -Be 1
        @($verbose | Where-Object { $_.Contains('midnight was assumed') -and $_.Contains($later) }).Count | Should -Be 1
    }

    It 'reports Parameter for -RecordedAt and LastWriteTime for a file without a date' {
        $dated = New-TestWav -Folder $script:folder -Name 'given.wav' -BextDate '2024-03-05 14:30:00'
        $plain = New-TestWav -Folder $script:folder -Name 'plain.wav'

        $given = Send-AlpharunRecording -LiteralPath $dated -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00-05:00'
        $written = Send-AlpharunRecording -LiteralPath $plain -Teammate ana@acme.com -Contact bob@client.com

        $given.RecordedAtSource | Should -Be 'Parameter'
        $given.RecordedAt | Should -Be '2024-01-15T14:30:00-05:00'
        $written.RecordedAtSource | Should -Be 'LastWriteTime'
    }

    It 'answers a copy with a new last write time but the same metadata with AlreadyExisted' {
        $file = New-TestWav -Folder $script:folder -Name 'orig.wav' -BextDate '2024-03-05 14:30:00'
        $first = Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com
        $copy = Join-Path $script:folder 'copy.wav'
        Copy-Item -LiteralPath $file -Destination $copy
        [IO.File]::SetLastWriteTime($copy, [datetime]::Now.AddMinutes(-3))

        $again = Send-AlpharunRecording -LiteralPath $copy -Teammate ana@acme.com -Contact bob@client.com

        $again.Status | Should -Be 'AlreadyExisted'
        $again.RecordingId | Should -Be $first.RecordingId
    }
}

Describe 'The journal knows a file by its bytes' {
    BeforeAll {
        Stop-AlpharunSandbox
        Start-AlpharunSandbox | Out-Null
    }

    It 'skips a touched but unchanged file and re-sends a changed one' {
        $journal = Join-Path $script:folder 'journal.jsonl'
        $touched = New-TestWav -Folder $script:folder -Name 'touched.wav' -BextDate '2024-03-05 14:30:00'
        $changed = New-TestWav -Folder $script:folder -Name 'changed.wav' -BextDate '2024-03-05 15:00:00'
        $null = Send-AlpharunRecording -LiteralPath $touched, $changed -Teammate ana@acme.com -Contact bob@client.com -Journal $journal

        [IO.File]::SetLastWriteTime($touched, [datetime]::Now.AddHours(-1))
        $bytes = [IO.File]::ReadAllBytes($changed)
        $bytes[-1] = $bytes[-1] -bxor 0xFF
        [IO.File]::WriteAllBytes($changed, $bytes)

        $second = Send-AlpharunRecording -LiteralPath $touched, $changed -Teammate ana@acme.com -Contact bob@client.com -Journal $journal

        $second.Status | Should -Be @('Skipped', 'Created')
    }
}

Describe 'The audio length at the prompt' {
    BeforeAll {
        Stop-AlpharunSandbox
        Start-AlpharunSandbox | Out-Null
        $file = New-TestWav -Folder $script:folder -Name '2024-05-02_ana_bob-renewal.wav' -Frames 20000
        $script:upload = Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-05-02T09:15:00-05:00'
    }

    It 'is in Format-List of an upload, in seconds' {
        $upload = $script:upload
        $text = $upload | Format-List | Out-String -Width 80
        $text | Should -Match '(?m)^AudioDurationSeconds\s+: 2\.5$'
        $text | Should -Match '(?m)^MediaType\s+: audio/wav$'
        $text | Should -Match '(?m)^RecordedAtSource\s+: Parameter$'
    }

    It 'is in Format-List of what the sandbox received, as a TimeSpan' {
        (Get-AlpharunSandboxRecording | Format-List | Out-String -Width 80) | Should -Match '(?m)^AudioDuration\s+: 00:00:02\.5000000$'
    }

    It 'is not in the table, so a date-prefixed file name stays whole at 80 columns' {
        $lines = @(($script:upload | Out-String -Width 80) -split '\r?\n' | ForEach-Object TrimEnd | Where-Object { $_ })
        $lines[0] | Should -Match '^Status\s+RecordingId\s+FileName$'
        $lines[2] | Should -Be "Created $($script:upload.RecordingId) 2024-05-02_ana_bob-renewal.wav"
    }
}
