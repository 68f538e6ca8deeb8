# Send-AlpharunRecording as users run it in real pwsh, against the sandbox.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force
    Import-AlpharunUnderTest
    function New-FakeRecording([string] $Name, [int] $Length = 2048) { TestKit\New-FakeRecording -Folder $script:folder -Name $Name -Length $Length }
    $script:cmdlet = ',Alpharun.Commands.SendAlpharunRecordingCommand'
}

AfterAll {
    Stop-AlpharunSandbox
}

Describe 'Send-AlpharunRecording against the sandbox' {
    BeforeEach {
        # Each test has its own folder, so a wildcard never matches another test's files.
        $script:folder = New-TestFolder
        Start-AlpharunSandbox | Out-Null
    }

    AfterEach {
        Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
    }

    It 'uploads every .wav file piped from Get-ChildItem, outputs them in input order, and the sandbox receives their bytes' {
        $a, $b, $c = 'a.wav', 'b.wav', 'c.wav' | ForEach-Object { New-FakeRecording $_ 4096 }
        $null = New-FakeRecording 'notes.txt' 4096

        $result = Get-ChildItem -Path (Join-Path $script:folder '*.wav') | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        $result.Count | Should -Be 3
        $result.ForEach({ $_.PSObject.TypeNames[0] }) | Should -BeExactly @('Alpharun.RecordingUpload', 'Alpharun.RecordingUpload', 'Alpharun.RecordingUpload')
        $result.Path | Should -BeExactly @($a, $b, $c)
        $result.Status | Should -BeExactly @('Created', 'Created', 'Created')
        @($result.RecordingId | Select-Object -Unique).Count | Should -Be 3
        $result.ForEach('Length') | Should -Be @(4096, 4096, 4096)
        $result.HttpStatus | Should -Be @(201, 201, 201)
        # Uploads run in parallel, so the sandbox receives them in any order; the output above is in input order.
        $received = Get-AlpharunSandboxRecording
        $received.FileName | Sort-Object | Should -BeExactly @('a.wav', 'b.wav', 'c.wav')
        ($received | Where-Object FileName -EQ 'b.wav').Sha256 | Should -BeExactly (Get-FileHash -LiteralPath $b -Algorithm SHA256).Hash.ToLowerInvariant()
    }

    It 'answers a repeat upload with AlreadyExisted, HTTP 200 and the same id' {
        $null = New-FakeRecording 'call.wav'
        $first = Send-AlpharunRecording -Path (Join-Path $script:folder 'call.wav') -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00-05:00' -ErrorVariable failures
        $second = Send-AlpharunRecording -Path (Join-Path $script:folder 'call.wav') -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00-05:00' -ErrorVariable +failures

        $failures | Should -BeNullOrEmpty
        @($first).Count | Should -Be 1
        @($second).Count | Should -Be 1
        $first.Status | Should -BeExactly 'Created'
        $second.Status | Should -BeExactly 'AlreadyExisted'
        $second.HttpStatus | Should -Be 200
        $second.RecordingId | Should -Be $first.RecordingId
    }

    It 'binds every CSV column by property name and sends contacts and recorded_at as the API expects' {
        $one = New-FakeRecording 'one.wav'
        $two = New-FakeRecording 'two.mp3'
        $csv = Join-Path $script:folder 'batch.csv'
        Set-Content -LiteralPath $csv -Value @(
            'path,teammate_email,contacts,recorded_at,playbook_id'
            """$one"",ana@acme.com,bob@client.com,2024-01-15T14:30:00-05:00,3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6b"
            """$two"",li@acme.com,""+1 555 123 4567; carol@client.com"",2024-02-01T09:00:00Z,"
        )

        $result = Import-Csv -LiteralPath $csv | Send-AlpharunRecording -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        $result.Count | Should -Be 2
        $result[0].Teammate | Should -BeExactly 'ana@acme.com'
        $result[0].RecordedAt | Should -BeExactly '2024-01-15T14:30:00-05:00'
        $result[0].PlaybookId | Should -Be ([guid]'3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6b')
        $result[1].Teammate | Should -BeExactly 'li@acme.com'
        $result[1].PlaybookId | Should -Be $null
        $received = Get-AlpharunSandboxRecording | Where-Object FileName -EQ 'two.mp3'
        $received.ContactsJson | Should -BeExactly '[{"phone_number":"+1 555 123 4567"},{"email":"carol@client.com"}]'
        $received.RecordedAt | Should -BeExactly '2024-02-01T09:00:00+00:00'
    }

    It 'sends nothing and outputs nothing with -WhatIf' {
        $null = New-FakeRecording 'a.wav'
        Send-AlpharunRecording -Path (Join-Path $script:folder '*.wav') -Teammate ana@acme.com -Contact bob@client.com -WhatIf -ErrorVariable failures | Should -BeNullOrEmpty
        $failures | Should -BeNullOrEmpty
        Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
    }

    It 'reports an empty file in the middle of a batch as one InvalidData error and uploads the others' {
        $files = (New-FakeRecording 'a.wav'), (New-FakeRecording 'b.wav' 0), (New-FakeRecording 'c.wav')
        $result = $files | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ErrorVariable failures -ErrorAction SilentlyContinue

        $result.Path | Should -BeExactly @($files[0], $files[2])
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeExactly "EmptyFile$script:cmdlet"
        $failures[0].CategoryInfo.Category | Should -Be ([Management.Automation.ErrorCategory]::InvalidData)
        $failures[0].TargetObject | Should -BeExactly $files[1]
        $failures[0].Exception.Message | Should -MatchExactly ([regex]::Escape($files[1]))
        @(Get-AlpharunSandboxRecording).Count | Should -Be 2
    }

    It 'refuses <Arguments> with one terminating <ErrorId> error naming <Parameter> and <Field>, before any file is read, and sends nothing' -ForEach @(
        @{ Arguments = '-Teammate ana@acme -Contact bob@client.com'; ErrorId = 'InvalidTeammate'; Parameter = '-Teammate'; Field = 'teammate_email' }
        @{ Arguments = "-Teammate ana@acme.com -Contact 'bob@@client.com'"; ErrorId = 'InvalidContact'; Parameter = '-Contact'; Field = 'contacts[0].email' }
        @{ Arguments = '-Teammate ana@acme.com -Contact bob@client.com, BOB@client.com'; ErrorId = 'DuplicateContact'; Parameter = '-Contact'; Field = 'contacts[1].email' }
        @{ Arguments = "-Teammate ana@acme.com -Contact '+1 555 123 4567', '+1-555-123-4567'"; ErrorId = 'DuplicateContact'; Parameter = '-Contact'; Field = 'contacts[1].phone_number' }
        @{ Arguments = "-Teammate ana@acme.com -Contact @{ FirstName = 'Bob' }"; ErrorId = 'InvalidContact'; Parameter = '-Contact'; Field = 'contacts[0]' }
        @{ Arguments = "-Teammate ana@acme.com -Contact @{ ExtId = 'e1' } -RecordedAt ([DateTimeOffset]'2099-01-01T00:00:00Z')"; ErrorId = 'InvalidRecordedAt'; Parameter = '-RecordedAt'; Field = 'recorded_at' }
        @{ Arguments = '-Teammate ana@acme.com -Contact bob@client.com -PlaybookId ([guid]::Empty)'; ErrorId = 'InvalidPlaybookId'; Parameter = '-PlaybookId'; Field = 'playbook_id' }
    ) {
        # Thirty files, the last one missing: a per-file check would give 30 errors, or a FileNotFound for the last.
        $files = @(1..29 | ForEach-Object { New-FakeRecording "x$_.wav" }) + (Join-Path $script:folder 'missing.wav')
        $send = [scriptblock]::Create("`$args | Send-AlpharunRecording $Arguments -ErrorVariable failures -ErrorAction SilentlyContinue")
        $caught = $null
        try { $result = & $send @files } catch { $caught = $_ }

        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeExactly "$ErrorId$script:cmdlet"
        $caught.CategoryInfo.Category | Should -Be $(if ($ErrorId -eq 'DuplicateContact') { 'InvalidData' } else { 'InvalidArgument' })
        "$caught" | Should -BeLike "$Parameter is the same for every file, so nothing was read or sent: *"
        "$caught" | Should -MatchExactly ([regex]::Escape($Field))
        $result | Should -BeNullOrEmpty
        Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
    }

    It 'refuses a -Contact given as an argument once, with its value as the target, however many files are piped' {
        $files = 1..3 | ForEach-Object { New-FakeRecording "x$_.wav" }
        $caught = $null
        try { $null = $files | Send-AlpharunRecording -Teammate ana@acme.com -Contact 'bob@client' -ErrorVariable failures } catch { $caught = $_ }

        @($failures).Count | Should -Be 1
        $caught.FullyQualifiedErrorId | Should -BeExactly "InvalidContact$script:cmdlet"
        $caught.TargetObject | Should -BeExactly @('bob@client')
        $caught.Exception.Message | Should -BeExactly "Contact 1 of 'every file' has email 'bob@client', which is not a valid email address (contacts[0].email)."
    }

    It 'reports -Path <Path> with one <ErrorId> error and sends nothing' -ForEach @(
        @{ Path = 'missing.wav'; ErrorId = 'FileNotFound' }
        @{ Path = 'sub'; ErrorId = 'PathIsDirectory' }
        @{ Path = '*.flac'; ErrorId = 'NoFileMatched' }
    ) {
        $null = New-Item -ItemType Directory -Path (Join-Path $script:folder 'sub')
        $result = Send-AlpharunRecording -Path (Join-Path $script:folder $Path) -Teammate ana@acme.com -Contact bob@client.com -ErrorVariable failures -ErrorAction SilentlyContinue

        $result | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeExactly "$ErrorId$script:cmdlet"
        Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
    }

    It 'refuses -RecordedAt <Value> without -TimeZone before anything is sent: <Says>' -ForEach @(
        @{ Value = "'2024-01-15 14:30:00'"; Says = 'has no offset' }
        @{ Value = "'2024-01-15'"; Says = 'has no time of day' }
        @{ Value = "([datetime]'2024-01-15T14:30:00')"; Says = 'has no offset' }
    ) {
        $file = New-FakeRecording 'x.wav'
        $send = [scriptblock]::Create("Send-AlpharunRecording -LiteralPath `$args[0] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt $Value")
        $failure = { & $send $file } | Should -Throw -PassThru

        $failure.FullyQualifiedErrorId | Should -BeExactly "InvalidRecordedAt$script:cmdlet"
        $failure.Exception.Message | Should -MatchExactly 'recorded_at'
        $failure.Exception.Message | Should -MatchExactly $Says
        Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
    }

    It 'refuses a -PlaybookId that is not a uuid at binding' {
        $file = New-FakeRecording 'x.wav'
        $failure = { Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -PlaybookId 'pb-1' } | Should -Throw -PassThru

        $failure.FullyQualifiedErrorId | Should -BeExactly "ParameterArgumentTransformationError$script:cmdlet"
        $failure.Exception.Message | Should -MatchExactly ([regex]::Escape("playbook_id 'pb-1' is not a uuid"))
        Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
    }

    It 'takes the last write time when -RecordedAt is omitted, and -Verbose says so' {
        $file = New-FakeRecording 'x.wav'
        $stamp = [datetime]::new(2024, 3, 10, 8, 15, 0, [DateTimeKind]::Local)
        [IO.File]::SetLastWriteTime($file, $stamp)

        $all = Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -Verbose -ErrorVariable failures 4>&1
        $result = @($all | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] })
        $verbose = @($all | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message

        $failures | Should -BeNullOrEmpty
        [DateTimeOffset]::Parse($result[0].RecordedAt, [cultureinfo]::InvariantCulture) | Should -Be ([DateTimeOffset]::new($stamp))
        @($verbose | Where-Object { $_.Contains('last write time') -and $_.Contains($file) }).Count | Should -BeGreaterThan 0
    }

    It 'stops at a wrong key with one terminating ApiKeyRejected error, outputs nothing, and nothing is recorded' {
        $null = New-FakeRecording 'a.wav'
        $null = New-FakeRecording 'b.wav'
        # try/catch sees only terminating errors: a per-file (non-terminating) error would not be caught, and 2>&1 would show it.
        $all = @(& {
            try { Get-ChildItem (Join-Path $script:folder '*.wav') | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ApiKey (ConvertTo-SecureString 'wrong-key' -AsPlainText -Force) }
            catch { 'caught ' + $_.FullyQualifiedErrorId; $_.Exception.Message }
        } 2>&1)

        $all.Count | Should -Be 2
        $all[0] | Should -BeExactly "caught ApiKeyRejected$script:cmdlet"
        $all[1] | Should -MatchExactly 'rejected the API key'
        Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
    }

    It 'says to pass -PlaybookId when the teammate has no routing rule, and -PlaybookId gets it accepted' {
        Start-AlpharunSandbox -TeammateWithoutRouting ana@acme.com | Out-Null
        $file = New-FakeRecording 'x.wav'

        $refused = Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -ErrorVariable refusals -ErrorAction SilentlyContinue
        $accepted = Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -PlaybookId 3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6b -ErrorVariable failures

        $refused | Should -BeNullOrEmpty
        $refusals.Count | Should -Be 1
        $refusals[0].FullyQualifiedErrorId | Should -BeExactly "NoPlaybookRouting$script:cmdlet"
        $refusals[0].Exception.Message | Should -MatchExactly '-PlaybookId'
        $failures | Should -BeNullOrEmpty
        @($accepted).Count | Should -Be 1
        $accepted.Status | Should -BeExactly 'Created'
    }

    It 'sends a typed contact, a hashtable, an object with API names and a plain email as the API contacts' {
        $file = New-FakeRecording 'x.wav'
        $typed = New-AlpharunContact -Email ana.client@x.io -FirstName Ana -CustomField @{ tier = 'gold' }
        $object = [pscustomobject]@{ phone_number = '+15550001111'; last_name = 'Li'; unrelated = 1 }

        $result = Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact $typed, @{ ExtId = 'crm-7' }, $object, 'carl@x.io' -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        @($result).Count | Should -Be 1
        # The output's Contacts changes shape (objects or text), so the four contacts are checked where they arrive: the API.
        (Get-AlpharunSandboxRecording).ContactsJson | Should -BeExactly '[{"email":"ana.client@x.io","first_name":"Ana","custom_fields":[{"key":"tier","value":"gold"}]},{"ext_id":"crm-7"},{"last_name":"Li","phone_number":"+15550001111"},{"email":"carl@x.io"}]'
    }

    It 'sends a file listed three times in one batch once, and reports the other two as that recording' {
        $file = New-FakeRecording 'a.wav'
        $other = New-FakeRecording 'b.wav'

        $result = $file, $other, $file, $file | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 4 -SummaryVariable run

        $result.Status | Should -BeExactly @('Created', 'Created', 'Skipped', 'Skipped')
        $result[2].RecordingId | Should -Be $result[0].RecordingId
        $result[3].RecordingId | Should -Be $result[0].RecordingId
        $result[2].HttpStatus | Should -Be 0
        @(Get-AlpharunSandboxRecording).Count | Should -Be 2
        $run.Created | Should -Be 2
        $run.Skipped | Should -Be 2
    }

    It 'sends one file twice when two rows give it different fields' {
        $file = New-FakeRecording 'a.wav'
        $rows = @(
            [pscustomobject]@{ Path = $file; teammate_email = 'ana@acme.com' }
            [pscustomobject]@{ Path = $file; teammate_email = 'li@acme.com' }
        )

        $result = $rows | Send-AlpharunRecording -Contact bob@client.com

        $result.Status | Should -BeExactly @('Created', 'Created')
        @(Get-AlpharunSandboxRecording).Teammate | Sort-Object | Should -BeExactly @('ana@acme.com', 'li@acme.com')
    }

    It 'names the unknown key of a contact hashtable in an InvalidContact error' {
        $file = New-FakeRecording 'x.wav'
        $caught = $null
        $result = try { Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact @{ Emial = 'b@c.io' } } catch { $caught = $_ }

        $result | Should -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeExactly "InvalidContact$script:cmdlet"
        $caught.Exception.Message | Should -MatchExactly "'Emial'"
    }

    It 'takes brackets in a file name literally, piped from Get-ChildItem or given to -LiteralPath' {
        $file = New-FakeRecording 'call[1].wav'
        $piped = Get-ChildItem -LiteralPath $file | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ErrorVariable failures
        $literal = Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -ErrorVariable +failures

        $failures | Should -BeNullOrEmpty
        @($piped).Count | Should -Be 1
        $piped.Path | Should -BeExactly $file
        @($literal).Count | Should -Be 1
        $literal.Status | Should -BeExactly 'AlreadyExisted'
    }

    It 'reads -Path with backtick escapes as Get-Item -Path does, and a name with a backtick as written when that file exists' {
        $brackets = New-FakeRecording 'escaped [2].wav'
        $backtick = New-FakeRecording 'tick`name.wav'
        $folder = Split-Path -Parent $brackets

        $escaped = Send-AlpharunRecording -Path "$folder/escaped ``[2``].wav" -Teammate ana@acme.com -Contact bob@client.com -ErrorVariable failures
        $asWritten = Send-AlpharunRecording -Path "$folder/tick``name.wav" -Teammate ana@acme.com -Contact bob@client.com -ErrorVariable +failures
        $escapedTick = Send-AlpharunRecording -Path "$folder/tick````name.wav" -Teammate ana@acme.com -Contact bob@client.com -ErrorVariable +failures

        $failures | Should -BeNullOrEmpty
        (Get-Item -Path "$folder/escaped ``[2``].wav").FullName | Should -BeExactly $brackets
        $escaped.Path | Should -BeExactly $brackets
        $asWritten.Path | Should -BeExactly $backtick
        $escapedTick.Path | Should -BeExactly $backtick
        $escapedTick.Status | Should -BeExactly 'AlreadyExisted'
    }

    It 'tells a piped object without a path property to name the CSV column path, and sends nothing' {
        $file = New-FakeRecording 'x.wav'
        $result = [pscustomobject]@{ file = $file; teammate_email = 'ana@acme.com'; contacts = 'bob@client.com' } |
            Send-AlpharunRecording -ErrorVariable failures -ErrorAction SilentlyContinue

        $result | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeExactly "NoPathProperty$script:cmdlet"
        $failures[0].Exception.Message | Should -MatchExactly ([regex]::Escape("Name the CSV column 'path'"))
        Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
    }

    It 'uploads the items of the provider API as it uploads those of Get-ChildItem' {
        $null = New-FakeRecording 'p.wav'
        $result = $ExecutionContext.SessionState.InvokeProvider.ChildItem.Get($script:folder, $false) |
            Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        @($result).Count | Should -Be 1
        $result.FileName | Should -BeExactly 'p.wav'
    }

    It 'at -ThrottleLimit 1 sends the next file while the last result is still going down the pipeline' {
        $null = 'first.wav', 'second.wav' | ForEach-Object { New-FakeRecording $_ }
        $countsSeen = [System.Collections.Generic.List[int]]::new()

        Get-ChildItem -Path (Join-Path $script:folder '*.wav') |
            Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 1 -ErrorVariable failures |
            ForEach-Object {
                if ($countsSeen.Count -eq 0) {
                    # The pipeline thread is in this block: the second file can only reach the sandbox meanwhile if its
                    # upload started before the first result was written.
                    $deadline = [DateTime]::UtcNow.AddSeconds(5)
                    # A poll with a deadline (the assertion below fails if the second never arrives); 20 ms is its interval.
                    while (@(Get-AlpharunSandboxRecording).Count -lt 2 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
                }
                $countsSeen.Add(@(Get-AlpharunSandboxRecording).Count)
            }

        $failures | Should -BeNullOrEmpty
        $countsSeen | Should -Be @(2, 2)
    }
}

Describe 'Batches against a misbehaving sandbox' {
    BeforeEach {
        # Each test has its own folder, so a wildcard never matches another test's files.
        $script:folder = New-TestFolder
        Start-AlpharunSandbox | Out-Null
    }

    AfterEach {
        Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
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

    It 'outputs and journals every upload the API accepted when <How> ends the batch at a bad file' -ForEach @(
        @{ How = '-ErrorAction Stop'; Script = { param($files, $journal) $files | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -Journal $journal -ErrorAction Stop } }
        @{ How = '$ErrorActionPreference'; Script = { param($files, $journal) $ErrorActionPreference = 'Stop'; $files | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -Journal $journal } }
    ) {
        # The first file's answer comes late, so the files behind the bad one are in flight (or done) when its error stops the batch.
        $files = (New-FakeRecording "stop-1.wav"), (New-FakeRecording "stop-2.wav" 0), (New-FakeRecording "stop-3.wav"), (New-FakeRecording "stop-4.wav")
        Add-AlpharunSandboxFault -Stall '00:00:01' -Count 1
        $output = [Collections.Generic.List[object]]::new()
        $failure = $null
        $journal = Join-Path $script:folder "stop-$([guid]::NewGuid().ToString('N')).journal"
        try { & $Script $files $journal | ForEach-Object { $output.Add($_) } } catch { $failure = $_ }

        $failure.FullyQualifiedErrorId | Should -Be 'EmptyFile,Alpharun.Commands.SendAlpharunRecordingCommand'
        $accepted = @(Get-AlpharunSandboxRecording | Sort-Object FileName)
        $accepted.FileName | Should -Contain 'stop-3.wav'
        @($output.FileName | Sort-Object) | Should -Be $accepted.FileName
        $journaled = @(Get-Content -LiteralPath $journal | ConvertFrom-Json)
        @($journaled.recording_id | Sort-Object) | Should -Be @($accepted.RecordingId | ForEach-Object Guid | Sort-Object)
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
        $failure.FullyQualifiedErrorId | Should -Be 'InvalidRecordedAt,Alpharun.Commands.SendAlpharunRecordingCommand'
        $failure.Exception.Message | Should -BeLike "*recorded_at '$Text' of 'every file' cannot be used: it is not ISO 8601 (yyyy-MM-ddTHH:mm:ss with Z or ±hh:mm), so its date would be guessed*"
        Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
    }

    It 'refuses a CSV row whose recorded_at is not ISO and sends the ISO row as that instant' {
        $files = (New-FakeRecording 'csv-guess.wav'), (New-FakeRecording 'csv-iso.wav')
        $csv = @(
            [pscustomobject]@{ Path = $files[0]; Teammate = 'ana@acme.com'; Contact = 'bob@client.com'; RecordedAt = '02/01/2024 10:00 +01:00' }
            [pscustomobject]@{ Path = $files[1]; Teammate = 'ana@acme.com'; Contact = 'bob@client.com'; RecordedAt = '2024-01-02T10:00:00+01:00' }
        ) | ConvertTo-Csv | ConvertFrom-Csv

        $result = $csv | Send-AlpharunRecording -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.FullyQualifiedErrorId | Should -Be 'InvalidRecordedAt,Alpharun.Commands.SendAlpharunRecordingCommand'
        $failures.TargetObject | Should -Be $files[0]
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

# Send-AlpharunRecording takes a rooted, normal file-system path as written once the engine has mapped one such path
# to itself (LiteralPathResolver), and asks the engine for every other path. Each case is sent alone (the engine
# resolves it) and after a rooted path (the shortcut is then open): both must give the same file or the same error.
Describe 'A path resolves the same alone and after a rooted path' {
    BeforeAll {
        function Get-Outcome([string[]] $Path) {
            Send-AlpharunRecording -LiteralPath $Path -Teammate ana@acme.com -Contact bob@client.com -ErrorAction Continue 2>&1 | ForEach-Object {
                if ($_ -is [System.Management.Automation.ErrorRecord]) { 'E:{0}:{1}' -f $_.FullyQualifiedErrorId.Split(',')[0], $_.TargetObject } else { 'O:' + $_.Path }
            }
        }
    }

    BeforeEach {
        $script:folder = New-TestFolder
        Start-AlpharunSandbox | Out-Null
        $script:primer = New-FakeRecording 'primer.wav'
    }

    AfterEach {
        Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
    }

    It 'resolves <Name> as the engine does' -ForEach @(
        @{ Name = 'a file name with brackets'; File = 'call[1].wav'; Given = '{0}/call[1].wav'; Expected = 'O:{0}/call[1].wav' }
        @{ Name = 'a file name with a backtick'; File = 'tick`1.wav'; Given = '{0}/tick`1.wav'; Expected = 'O:{0}/tick`1.wav' }
        @{ Name = 'a .. segment'; File = 'dots.wav'; Given = '{0}/sub/../dots.wav'; Expected = 'O:{0}/dots.wav' }
        @{ Name = 'a doubled separator'; File = 'double.wav'; Given = '{0}//double.wav'; Expected = 'O:{0}/double.wav' }
        @{ Name = 'a FileSystem provider-qualified path'; File = 'qualified.wav'; Given = 'Microsoft.PowerShell.Core\FileSystem::{0}/qualified.wav'; Expected = 'O:{0}/qualified.wav' }
        @{ Name = 'a missing file'; File = $null; Given = '{0}/missing.wav'; Expected = 'E:FileNotFound:{0}/missing.wav' }
        @{ Name = 'an Env: path'; File = $null; Given = 'Env:\PATH'; Expected = 'E:NotAFileSystemPath:Env:\PATH' }
        @{ Name = 'an Environment provider-qualified path'; File = $null; Given = 'Microsoft.PowerShell.Core\Environment::PATH'; Expected = 'E:NotAFileSystemPath:Microsoft.PowerShell.Core\Environment::PATH' }
        @{ Name = 'a path on a drive that does not exist'; File = $null; Given = 'nosuchdrive:\call.wav'; Expected = 'E:FileNotFound:nosuchdrive:\call.wav' }
    ) {
        $null = New-Item -ItemType Directory -Path (Join-Path $script:folder 'sub')
        if ($File) { $null = New-FakeRecording $File }
        $given = $Given -f $script:folder
        $expected = $Expected -f $script:folder
        # The FileSystem provider gives a path back with the platform's separator: a '/' as written stays on Linux and
        # macOS and is a '\' on Windows (the Env: cases have none).
        if ($env:OS -eq 'Windows_NT') { $expected = $expected.Replace('/', '\') }

        Get-Outcome $given | Should -BeExactly @($expected)
        Get-Outcome $script:primer, $given | Should -BeExactly @("O:$script:primer", $expected)
    }

    # ($IsWindows does not exist in Windows PowerShell 5.1; $env:OS is Windows_NT under both.)
    It 'resolves a colon in a file name as the engine does' -Skip:($env:OS -eq 'Windows_NT') {
        $file = New-FakeRecording 'a:b.wav'

        Get-Outcome $file | Should -BeExactly @("O:$file")
        Get-Outcome $script:primer, $file | Should -BeExactly @("O:$script:primer", "O:$file")
    }

    It 'resolves a backslash in a file name as the engine does, as a separator' -Skip:($env:OS -eq 'Windows_NT') {
        # A file whose name holds a backslash; Join-Path would turn it into a separator.
        $given = "$script:folder/back\slash.wav"
        [IO.File]::WriteAllBytes($given, [byte[]]::new(2048))
        $expected = 'E:FileNotFound:{0}/back/slash.wav' -f $script:folder

        Get-Outcome $given | Should -BeExactly @($expected)
        Get-Outcome $script:primer, $given | Should -BeExactly @("O:$script:primer", $expected)
    }

    It 'resolves a relative path against the PowerShell location, not the process''s, after a rooted path' {
        $file = New-FakeRecording 'relative.wav'
        Push-Location -LiteralPath $script:folder
        try {
            [Environment]::CurrentDirectory | Should -Not -Be $script:folder
            $alone = Get-Outcome 'relative.wav'
            $after = Get-Outcome $script:primer, 'relative.wav'
            $piped = $script:primer, 'relative.wav' | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com
        }
        finally {
            Pop-Location
        }

        $alone | Should -BeExactly @("O:$file")
        $after | Should -BeExactly @("O:$script:primer", "O:$file")
        $piped.Path | Should -BeExactly @($script:primer, $file)
    }

    It 'uploads each FileInfo piped from Get-ChildItem by its full name, brackets and all' {
        $names = 'a.wav', 'b[1].wav', 'c`2.wav', 'd.wav'
        $files = $names | ForEach-Object { New-FakeRecording $_ }

        $result = Get-ChildItem -LiteralPath $script:folder -Filter '*.wav' | Where-Object Name -NE 'primer.wav' | Sort-Object Name |
            Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        $result.Path | Should -BeExactly $files
        (Get-AlpharunSandboxRecording).FileName | Sort-Object | Should -BeExactly $names
    }

    It 'reports a piped FileInfo whose file is gone as FileNotFound, after one that was sent' {
        $gone = New-FakeRecording 'gone.wav'
        $items = Get-Item -LiteralPath $script:primer, $gone
        Remove-Item -LiteralPath $gone

        $log = $items | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ErrorAction Continue 2>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) { 'E:{0}:{1}' -f $_.FullyQualifiedErrorId.Split(',')[0], $_.TargetObject } else { 'O:' + $_.Path }
        }

        $log | Should -BeExactly @("O:$script:primer", "E:FileNotFound:$gone")
    }
}

# -Contact is converted again only when it changed since the last record (ContactArgumentCache): what a script
# changes between piped files is what each file is sent with.
Describe 'A -Contact that changes between piped files' {
    BeforeEach {
        $script:folder = New-TestFolder
        Start-AlpharunSandbox | Out-Null
        $script:files = 'c1.wav', 'c2.wav', 'c3.wav' | ForEach-Object { New-FakeRecording $_ }
    }

    AfterEach {
        Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
    }

    It 'sends each file with the hashtable as it is when that file is sent' {
        $contact = @{ Email = 'first@client.com' }
        $result = $script:files | ForEach-Object -Begin { $n = 0 } -Process { $n++; $contact.Email = "c$n@client.com"; $_ } |
            Send-AlpharunRecording -Teammate ana@acme.com -Contact $contact -ThrottleLimit 1

        $result.Contacts | Should -BeExactly @('c1@client.com', 'c2@client.com', 'c3@client.com')
    }

    It 'sends each file with the array as it is when that file is sent' {
        $contacts = [object[]]@('first@client.com')
        $result = $script:files | ForEach-Object -Begin { $n = 0 } -Process { $n++; if ($n -ne 2) { $contacts[0] = "c$n@client.com" }; $_ } |
            Send-AlpharunRecording -Teammate ana@acme.com -Contact $contacts -ThrottleLimit 1

        $result.Contacts | Should -BeExactly @('c1@client.com', 'c1@client.com', 'c3@client.com')
    }

    It 'sends CSV rows with their own contacts, the same text on two rows as on one' {
        $rows = @(
            [pscustomobject]@{ Path = $script:files[0]; Contact = 'bob@client.com' }
            [pscustomobject]@{ Path = $script:files[1]; Contact = 'bob@client.com' }
            [pscustomobject]@{ Path = $script:files[2]; Contact = 'carol@client.com; +1 555 123 4567' }
        ) | ConvertTo-Csv | ConvertFrom-Csv

        $result = $rows | Send-AlpharunRecording -Teammate ana@acme.com

        $result.Contacts | Should -BeExactly @('bob@client.com', 'bob@client.com', 'carol@client.com; +1 555 123 4567')
    }

    It 'reports a bad contacts cell on the file of its own row, and sends the other rows' {
        $rows = @(
            [pscustomobject]@{ Path = $script:files[0]; Contact = 'bob@client.com' }
            [pscustomobject]@{ Path = $script:files[1]; Contact = 'not a contact' }
            [pscustomobject]@{ Path = $script:files[2]; Contact = 'carol@client.com' }
        ) | ConvertTo-Csv | ConvertFrom-Csv

        $result = $rows | Send-AlpharunRecording -Teammate ana@acme.com -ErrorVariable failures -ErrorAction SilentlyContinue

        $result.Path | Should -BeExactly @($script:files[0], $script:files[2])
        $failures.ForEach({ $_.FullyQualifiedErrorId.Split(',')[0] }) | Should -BeExactly @('InvalidContact')
        $failures.TargetObject | Should -BeExactly @($script:files[1])
    }
}
