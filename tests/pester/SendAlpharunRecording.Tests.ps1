# Send-AlpharunRecording as users run it in real pwsh, against the sandbox.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force
    Import-AlpharunUnderTest
    $script:folder = New-TestFolder
    function New-FakeRecording([string] $Name, [int] $Length = 2048) { TestKit\New-FakeRecording -Folder $script:folder -Name $Name -Length $Length }
}

AfterAll {
    Stop-AlpharunSandbox
    Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
}

Describe 'Send-AlpharunRecording against the sandbox' {
    BeforeEach {
        Start-AlpharunSandbox | Out-Null
    }

    It 'uploads every file piped from Get-ChildItem' {
        'a.wav', 'b.wav' | ForEach-Object { New-FakeRecording $_ } | Out-Null
        $result = Get-ChildItem -Path (Join-Path $script:folder '*.wav') | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com
        $result.Count | Should -Be 2
        $result.Status | Should -Be @('Created', 'Created')
        (Get-AlpharunSandboxRecording).Count | Should -Be 2
    }

    It 'answers AlreadyExisted with the same id for a repeat' {
        $file = New-FakeRecording 'repeat.wav'
        $first = Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00-05:00'
        $second = Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00-05:00'
        $second.Status | Should -Be 'AlreadyExisted'
        $second.RecordingId | Should -Be $first.RecordingId
    }

    It 'sends nothing with -WhatIf' {
        $file = New-FakeRecording 'whatif.wav'
        Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -WhatIf | Should -BeNullOrEmpty
        Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
    }

    It 'keeps going past a bad file in the middle of a batch' {
        $files = (New-FakeRecording 'm1.wav'), (New-FakeRecording 'm2.wav' 0), (New-FakeRecording 'm3.wav')
        $result = $files | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ErrorVariable failures -ErrorAction SilentlyContinue
        $result.Count | Should -Be 2
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'EmptyFile,Alpharun.Commands.SendAlpharunRecordingCommand'
        $failures[0].TargetObject | Should -Be $files[1]
    }

    It 'binds a CSV batch by property name' {
        $file = New-FakeRecording 'csv.wav'
        $csv = Join-Path $script:folder 'batch.csv'
        "path,teammate_email,contacts,recorded_at`n""$file"",li@acme.com,carol@client.com,2024-02-01T09:00:00Z" | Set-Content -LiteralPath $csv
        $result = Import-Csv -LiteralPath $csv | Send-AlpharunRecording
        $result.Teammate | Should -Be 'li@acme.com'
        $result.RecordedAt | Should -Be '2024-02-01T09:00:00+00:00'
    }

    It 'refuses a wrong key with one terminating error' {
        $file = New-FakeRecording 'key.wav'
        { Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -ApiKey (ConvertTo-SecureString 'wrong' -AsPlainText -Force) } |
            Should -Throw -ErrorId 'ApiKeyRejected,Alpharun.Commands.SendAlpharunRecordingCommand'
    }

    It 'says how to connect when there is no key' {
        Stop-AlpharunSandbox
        $env:ALPHARUN_API_KEY = $null
        $file = New-FakeRecording 'nokey.wav'
        { Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com } |
            Should -Throw -ErrorId 'ApiKeyMissing,Alpharun.Commands.SendAlpharunRecordingCommand'
    }
}

Describe 'Batches against a misbehaving sandbox' {
    BeforeEach {
        Start-AlpharunSandbox | Out-Null
    }

    It 'retries 503s and drops and accepts every file once' {
        $files = 1..4 | ForEach-Object { New-FakeRecording "retry-$_.wav" }
        Add-AlpharunSandboxFault -StatusCode 503 -RetryAfter 0 -Count 2
        Add-AlpharunSandboxFault -DropConnection -AfterBytes 100
        $result = $files | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 2
        $result.Path | Should -Be $files
        @(Get-AlpharunSandboxRecording | Where-Object Status -eq 'Created').Count | Should -Be 4
    }

    It 'reports exactly the failed files with -MaxRetries 0' {
        $files = 1..3 | ForEach-Object { New-FakeRecording "fail-$_.wav" }
        Add-AlpharunSandboxFault -StatusCode 503 -Count 1
        $result = $files | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 1 -MaxRetries 0 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.TargetObject | Should -Be $files[0]
        $result.Path | Should -Be $files[1..2]
    }

    It 'resumes from a journal and sends only what was left' {
        $files = 1..3 | ForEach-Object { New-FakeRecording "journal-$_.wav" }
        $journal = Join-Path $script:folder 'batch.journal'
        Add-AlpharunSandboxFault -StatusCode 503 -Count 1
        $null = $files | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 1 -MaxRetries 0 -Journal $journal -ErrorAction SilentlyContinue
        $second = $files | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 1 -Journal $journal
        $second.Status | Should -Be @('Created', 'Skipped', 'Skipped')
    }

    It 'outputs every upload the API accepted when -ErrorAction Stop ends the batch at a bad file' -ForEach @(
        @{ How = '-ErrorAction Stop'; Script = { param($files) $files | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ErrorAction Stop } }
        @{ How = '$ErrorActionPreference'; Script = { param($files) $ErrorActionPreference = 'Stop'; $files | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com } }
    ) {
        # The first file's answer comes late, so the files behind the bad one are in flight (or done) when its error stops the batch.
        $files = (New-FakeRecording "stop-1.wav"), (New-FakeRecording "stop-2.wav" 0), (New-FakeRecording "stop-3.wav"), (New-FakeRecording "stop-4.wav")
        Add-AlpharunSandboxFault -Stall '00:00:01' -Count 1
        $output = [Collections.Generic.List[object]]::new()
        $failure = $null
        try { & $Script $files | ForEach-Object { $output.Add($_) } } catch { $failure = $_ }

        $failure.FullyQualifiedErrorId | Should -Be 'EmptyFile,Alpharun.Commands.SendAlpharunRecordingCommand'
        $accepted = @(Get-AlpharunSandboxRecording).FileName | Sort-Object
        $accepted | Should -Contain 'stop-3.wav'
        @($output.FileName | Sort-Object) | Should -Be $accepted
    }
}

Describe 'A log of a batch reads in input order' {
    BeforeEach {
        Start-AlpharunSandbox | Out-Null
    }

    It 'writes the errors of inputs that name no file after the outputs of the files before them' {
        # The first file's answer comes late: an error written at once would come before its output in the log.
        $slow = New-FakeRecording 'order-slow.wav'
        $fast = New-FakeRecording 'order-fast.wav'
        Add-AlpharunSandboxFault -Stall '00:00:01.5'
        $rows = @(
            [pscustomobject]@{ Path = $slow; Contact = 'bob@client.com' }
            [pscustomobject]@{ Path = (New-FakeRecording 'order-bad.wav'); Contact = 'not a contact' }
            [pscustomobject]@{ Path = (Join-Path $script:folder '*.nomatch'); Contact = 'bob@client.com' }
            [pscustomobject]@{ File = 'x.wav'; Contact = 'bob@client.com' }
            [pscustomobject]@{ Path = 'Env:\PATH'; Contact = 'bob@client.com' }
            [pscustomobject]@{ Path = 'nosuchdrive:\call.wav'; Contact = 'bob@client.com' }
            [pscustomobject]@{ Path = $fast; Contact = 'bob@client.com' }
        )

        $log = $rows | Send-AlpharunRecording -Teammate ana@acme.com -ThrottleLimit 4 -ErrorAction Continue 2>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) { 'E:' + $_.FullyQualifiedErrorId.Split(',')[0] } else { 'O:' + $_.FileName }
        }

        $log | Should -Be @('O:order-slow.wav', 'E:InvalidContact', 'E:NoFileMatched', 'E:NoPathProperty', 'E:NotAFileSystemPath', 'E:FileNotFound', 'O:order-fast.wav')
    }
}

Describe 'recorded_at text is ISO 8601 with an offset, never guessed' {
    BeforeEach {
        Start-AlpharunSandbox | Out-Null
    }

    It 'refuses <Text> and sends nothing' -ForEach @(
        @{ Text = '14:30Z' }
        @{ Text = '02/01/2024 10:00 +01:00' }
        @{ Text = '1/2/3 4:05 +00:00' }
    ) {
        $file = New-FakeRecording 'guess.wav'
        $failure = $null
        try { Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -RecordedAt $Text } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,Alpharun.Commands.SendAlpharunRecordingCommand'
        $failure.Exception.Message | Should -BeLike "*recorded_at '$Text' cannot be used: it is not ISO 8601 (yyyy-MM-ddTHH:mm:ss with Z or ±hh:mm), so its date would be guessed*"
        Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
    }

    It 'refuses a CSV row whose recorded_at is not ISO and sends the ISO row as that instant' {
        $files = (New-FakeRecording 'csv-guess.wav'), (New-FakeRecording 'csv-iso.wav')
        $csv = @(
            [pscustomobject]@{ Path = $files[0]; Teammate = 'ana@acme.com'; Contact = 'bob@client.com'; RecordedAt = '02/01/2024 10:00 +01:00' }
            [pscustomobject]@{ Path = $files[1]; Teammate = 'ana@acme.com'; Contact = 'bob@client.com'; RecordedAt = '2024-01-02T10:00:00+01:00' }
        ) | ConvertTo-Csv | ConvertFrom-Csv

        $result = $csv | Send-AlpharunRecording -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,Alpharun.Commands.SendAlpharunRecordingCommand'
        $result.FileName | Should -Be 'csv-iso.wav'
        $received = Get-AlpharunSandboxRecording
        $received.FileName | Should -Be 'csv-iso.wav'
        $received.RecordedAtParsed | Should -Be ([DateTimeOffset]::new(2024, 1, 2, 9, 0, 0, [TimeSpan]::Zero))
        $received.RecordedAtParsed.Offset | Should -Be ([TimeSpan]::FromHours(1))
    }

    It 'takes [datetime] and [DateTimeOffset] objects as before' {
        $files = (New-FakeRecording 'dt.wav'), (New-FakeRecording 'dto.wav')
        Send-AlpharunRecording -LiteralPath $files[0] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt ([datetime]::new(2024, 1, 2, 9, 0, 0, [DateTimeKind]::Utc)) | Out-Null
        Send-AlpharunRecording -LiteralPath $files[1] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt ([DateTimeOffset]::new(2024, 1, 2, 10, 0, 0, [TimeSpan]::FromHours(1))) | Out-Null
        (Get-AlpharunSandboxRecording).RecordedAt | Should -Be @('2024-01-02T09:00:00+00:00', '2024-01-02T10:00:00+01:00')
    }
}
