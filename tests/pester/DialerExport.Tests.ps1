# CSV exports of dialers and CRMs as they come (issue 17): local call times read in a named zone with -TimeZone,
# the date forms such exports write, and blank cells that are the module's own errors, in input order.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force
    Import-AlpharunUnderTest
    function New-FakeRecording([string] $Name, [int] $Length = 2048) { TestKit\New-FakeRecording -Folder $script:folder -Name $Name -Length $Length }
    $script:cmdlet = ',Alpharun.Commands.SendAlpharunRecordingCommand'

    # One line per input in the order the command wrote them: 'O:<file name>' for an output, 'E:<id>:<target>' for an error.
    function ConvertTo-Log {
        process {
            if ($_ -is [Management.Automation.ErrorRecord]) {
                $target = if ($_.TargetObject -is [string] -and (Test-Path -LiteralPath $_.TargetObject -IsValid) -and [IO.Path]::IsPathRooted($_.TargetObject)) { Split-Path -Leaf $_.TargetObject } else { $_.TargetObject }
                'E:{0}:{1}' -f $_.FullyQualifiedErrorId.Split(',')[0], $target
            }
            else { 'O:' + $_.FileName }
        }
    }

    # What the sandbox received for a file name: recorded_at as sent.
    function Get-SentRecordedAt([string] $Name) { (Get-AlpharunSandboxRecording | Where-Object FileName -EQ $Name).RecordedAt }
}

AfterAll {
    Stop-AlpharunSandbox
}

Describe '-TimeZone reads recorded_at without an offset as local time in that zone' {
    BeforeEach {
        $script:folder = New-TestFolder
        Start-AlpharunSandbox | Out-Null
    }

    AfterEach {
        Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
    }

    It 'sends each time with the offset <Zone> had on its date, and text with an offset as it is' -ForEach @(
        @{ Zone = 'America/New_York'; Winter = '2024-01-15T09:15:00-05:00'; Summer = '2024-07-15T09:15:00-04:00' }
        @{ Zone = 'Eastern Standard Time'; Winter = '2024-01-15T09:15:00-05:00'; Summer = '2024-07-15T09:15:00-04:00' }
        @{ Zone = 'W. Europe Standard Time'; Winter = '2024-01-15T09:15:00+01:00'; Summer = '2024-07-15T09:15:00+02:00' }
        @{ Zone = 'Europe/Berlin'; Winter = '2024-01-15T09:15:00+01:00'; Summer = '2024-07-15T09:15:00+02:00' }
    ) {
        $rows = @(
            [pscustomobject]@{ path = (New-FakeRecording 'winter.wav'); recorded_at = '2024-01-15 09:15:00' }
            [pscustomobject]@{ path = (New-FakeRecording 'summer.wav'); recorded_at = '2024-07-15T09:15' }
            [pscustomobject]@{ path = (New-FakeRecording 'offset.wav'); recorded_at = '2024-07-15T09:15:00+09:30' }
        ) | ConvertTo-Csv | ConvertFrom-Csv

        $result = $rows | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -TimeZone $Zone -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        $result.RecordedAt | Should -BeExactly @($Winter, $Summer, '2024-07-15T09:15:00+09:30')
        $result.RecordedAtSource | Should -Be @('Parameter', 'Parameter', 'Parameter')
        Get-SentRecordedAt 'winter.wav' | Should -BeExactly $Winter
        Get-SentRecordedAt 'summer.wav' | Should -BeExactly $Summer
    }

    It 'reads a [datetime] of Kind Unspecified in the zone, and keeps a UTC or local one as the instant it is' {
        $files = (New-FakeRecording 'unspecified.wav'), (New-FakeRecording 'utc.wav')
        Send-AlpharunRecording -LiteralPath $files[0] -Teammate ana@acme.com -Contact bob@client.com -TimeZone America/New_York -RecordedAt ([datetime]'2024-07-15 09:15') | Out-Null
        Send-AlpharunRecording -LiteralPath $files[1] -Teammate ana@acme.com -Contact bob@client.com -TimeZone America/New_York -RecordedAt ([datetime]::new(2024, 7, 15, 9, 15, 0, [DateTimeKind]::Utc)) | Out-Null

        Get-SentRecordedAt 'unspecified.wav' | Should -BeExactly '2024-07-15T09:15:00-04:00'
        Get-SentRecordedAt 'utc.wav' | Should -BeExactly '2024-07-15T09:15:00+00:00'
    }

    It 'binds a TimeZone column by property name, each row in its own zone' {
        $rows = @(
            [pscustomobject]@{ path = (New-FakeRecording 'ny.wav'); recorded_at = '2024-07-15 09:15'; TimeZone = 'America/New_York' }
            [pscustomobject]@{ path = (New-FakeRecording 'tokyo.wav'); recorded_at = '2024-07-15 09:15'; TimeZone = 'Tokyo Standard Time' }
            [pscustomobject]@{ path = (New-FakeRecording 'sydney.wav'); recorded_at = '2024-07-15 09:15'; TimeZone = 'Australia/Sydney' }
        ) | ConvertTo-Csv | ConvertFrom-Csv

        $result = $rows | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        $result.RecordedAt | Should -BeExactly @('2024-07-15T09:15:00-04:00', '2024-07-15T09:15:00+09:00', '2024-07-15T09:15:00+10:00')
    }

    It 'refuses, in <Zone>, the time the clocks skip (<Skipped>) naming it, and the time they repeat (<Repeated>) showing both instants, between rows that go' -ForEach @(
        @{ Zone = 'America/New_York'; Skipped = '2024-03-10 02:30'; Repeated = '2024-11-03 01:30'; First = '2024-11-03T01:30:00-04:00'; Second = '2024-11-03T01:30:00-05:00'; Before = '2024-03-10T01:59:00-05:00'; After = '2024-03-10T03:00:00-04:00' }
        @{ Zone = 'W. Europe Standard Time'; Skipped = '2024-03-31 02:30'; Repeated = '2024-10-27 02:30'; First = '2024-10-27T02:30:00+02:00'; Second = '2024-10-27T02:30:00+01:00'; Before = '2024-03-31T01:59:00+01:00'; After = '2024-03-31T03:00:00+02:00' }
    ) {
        $rows = @(
            [pscustomobject]@{ path = (New-FakeRecording 'before.wav'); recorded_at = $Before.Substring(0, 16).Replace('T', ' ') }
            [pscustomobject]@{ path = (New-FakeRecording 'skipped.wav'); recorded_at = $Skipped }
            [pscustomobject]@{ path = (New-FakeRecording 'after.wav'); recorded_at = $After.Substring(0, 16).Replace('T', ' ') }
            [pscustomobject]@{ path = (New-FakeRecording 'repeated.wav'); recorded_at = $Repeated }
            [pscustomobject]@{ path = (New-FakeRecording 'offset.wav'); recorded_at = $Second }
        ) | ConvertTo-Csv | ConvertFrom-Csv

        $all = $rows | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -TimeZone $Zone -ErrorAction Continue 2>&1
        $errors = @($all | Where-Object { $_ -is [Management.Automation.ErrorRecord] })

        $all | ConvertTo-Log | Should -BeExactly @('O:before.wav', 'E:InvalidRecordedAt:skipped.wav', 'O:after.wav', 'E:InvalidRecordedAt:repeated.wav', 'O:offset.wav')
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].Exception.Message | Should -BeLike "*'$Skipped'*does not exist in $Zone*"
        $errors[1].Exception.Message | Should -BeLike "*'$Repeated'*$Zone*$First*$Second*"
        Get-SentRecordedAt 'before.wav' | Should -BeExactly $Before
        Get-SentRecordedAt 'after.wav' | Should -BeExactly $After
        Get-SentRecordedAt 'offset.wav' | Should -BeExactly $Second
        (Get-AlpharunSandboxRecording).FileName | Sort-Object | Should -BeExactly @('after.wav', 'before.wav', 'offset.wav')
    }

    It 'refuses a -RecordedAt argument the clocks skip with one terminating error before anything is sent' {
        $files = 1..3 | ForEach-Object { New-FakeRecording "x$_.wav" }
        $caught = $null
        try { $null = $files | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -TimeZone America/New_York -RecordedAt '2024-03-10 02:30' -ErrorVariable failures } catch { $caught = $_ }

        @($failures).Count | Should -Be 1
        $caught.FullyQualifiedErrorId | Should -BeExactly "InvalidRecordedAt$script:cmdlet"
        "$caught" | Should -BeLike "-RecordedAt is the same for every file, so nothing was read or sent: *'2024-03-10 02:30'*does not exist in America/New_York*"
        Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
    }

    It 'reads the forms dialers write: <Text>' -ForEach @(
        @{ Text = '2024-07-15 09:15'; Sent = '2024-07-15T09:15:00-04:00' }
        @{ Text = '2024-07-15 09:15:07'; Sent = '2024-07-15T09:15:07-04:00' }
        @{ Text = '2024-07-15T09:15:07'; Sent = '2024-07-15T09:15:07-04:00' }
        @{ Text = '2024-07-15T09:15:07.250'; Sent = '2024-07-15T09:15:07.25-04:00' }
        @{ Text = '2024-07-15 9:15'; Sent = '2024-07-15T09:15:00-04:00' }
        @{ Text = '2024/07/15 09:15:07'; Sent = '2024-07-15T09:15:07-04:00' }
        @{ Text = '2024.07.15 09:15'; Sent = '2024-07-15T09:15:00-04:00' }
        @{ Text = '20240715091507'; Sent = '2024-07-15T09:15:07-04:00' }
        @{ Text = '20240715-091507'; Sent = '2024-07-15T09:15:07-04:00' }
        @{ Text = '20240715T0915'; Sent = '2024-07-15T09:15:00-04:00' }
        @{ Text = '2024-07-15 09:15:07 PM'; Sent = '2024-07-15T21:15:07-04:00' }
        @{ Text = '2024-07-15 12:05 AM'; Sent = '2024-07-15T00:05:00-04:00' }
        @{ Text = ' 2024-07-15 09:15 '; Sent = '2024-07-15T09:15:00-04:00' }
    ) {
        $row = [pscustomobject]@{ path = (New-FakeRecording 'form.wav'); recorded_at = $Text }
        $result = $row | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -TimeZone America/New_York -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        $result.RecordedAt | Should -BeExactly $Sent
    }

    It 'refuses <Text> in its own row, in input order, with the ISO form of what it probably meant: <Meant>' -ForEach @(
        @{ Text = '07/15/2024 09:15'; Meant = @('2024-07-15T09:15:00') }
        @{ Text = '15/07/2024 09:15'; Meant = @('2024-07-15T09:15:00') }
        @{ Text = '05/02/2024 09:15'; Meant = @('2024-05-02T09:15:00', '2024-02-05T09:15:00') }
        @{ Text = '2024-07-15'; Meant = @('2024-07-15T00:00:00') }
        @{ Text = '1721049300'; Meant = @('2024-07-15T13:15:00Z') }
        @{ Text = 'yesterday'; Meant = @('2024-01-15T14:30:00') }
        @{ Text = '2024-13-45 09:15'; Meant = @('2024-01-15T14:30:00') }
    ) {
        $rows = @(
            [pscustomobject]@{ path = (New-FakeRecording 'good-1.wav'); recorded_at = '2024-07-15 09:15' }
            [pscustomobject]@{ path = (New-FakeRecording 'bad.wav'); recorded_at = $Text }
            [pscustomobject]@{ path = (New-FakeRecording 'good-2.wav'); recorded_at = '2024-07-15 09:16' }
        )

        $all = $rows | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -TimeZone America/New_York -ErrorAction Continue 2>&1

        $all | ConvertTo-Log | Should -BeExactly @('O:good-1.wav', 'E:InvalidRecordedAt:bad.wav', 'O:good-2.wav')
        $message = @($all | Where-Object { $_ -is [Management.Automation.ErrorRecord] })[0].Exception.Message
        $message | Should -BeLike "*'$Text'*bad.wav*"
        foreach ($form in $Meant) { $message | Should -BeLike "*$form*" }
    }

    It 'refuses an unknown zone given as an argument with one terminating error, suggesting <Suggested>, before anything is sent' -ForEach @(
        @{ Zone = 'America/New_Yrok'; Suggested = 'America/New_York' }
        @{ Zone = 'Eastern Standard Tme'; Suggested = 'Eastern Standard Time' }
        @{ Zone = 'New York'; Suggested = 'America/New_York' }
        @{ Zone = 'Berlin'; Suggested = 'Europe/Berlin' }
    ) {
        $files = 1..3 | ForEach-Object { New-FakeRecording "x$_.wav" }
        $caught = $null
        try { $result = $files | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -TimeZone $Zone -RecordedAt '2024-07-15T09:15:00Z' -ErrorVariable failures } catch { $caught = $_ }

        @($failures).Count | Should -Be 1
        $caught.FullyQualifiedErrorId | Should -BeExactly "InvalidTimeZone$script:cmdlet"
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.TargetObject | Should -BeExactly $Zone
        "$caught" | Should -BeLike "-TimeZone is the same for every file, so nothing was read or sent: *'$Zone'*$Suggested*"
        $result | Should -BeNullOrEmpty
        Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
    }

    It 'refuses an unknown zone in a TimeZone cell on its own row, and the other rows go' {
        $rows = @(
            [pscustomobject]@{ path = (New-FakeRecording 'good-1.wav'); recorded_at = '2024-07-15 09:15'; TimeZone = 'America/Chicago' }
            [pscustomobject]@{ path = (New-FakeRecording 'bad.wav'); recorded_at = '2024-07-15 09:15'; TimeZone = 'America/Chicgo' }
            [pscustomobject]@{ path = (New-FakeRecording 'good-2.wav'); recorded_at = '2024-07-15 09:15'; TimeZone = 'Central Standard Time' }
        ) | ConvertTo-Csv | ConvertFrom-Csv

        $all = $rows | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ErrorAction Continue 2>&1

        $all | ConvertTo-Log | Should -BeExactly @('O:good-1.wav', 'E:InvalidTimeZone:bad.wav', 'O:good-2.wav')
        @($all | Where-Object { $_ -is [Management.Automation.ErrorRecord] })[0].Exception.Message | Should -BeLike "*'America/Chicgo'*America/Chicago*"
        Get-SentRecordedAt 'good-2.wav' | Should -BeExactly '2024-07-15T09:15:00-05:00'
    }

    It 'reads -TimeZone Local in the computer''s own zone (TZ=<Tz> in a new pwsh)' -ForEach @(
        @{ Tz = 'America/Chicago'; Sent = '2024-07-15T09:15:00-05:00|2024-01-15T09:15:00-06:00' }
        @{ Tz = 'Asia/Kolkata'; Sent = '2024-07-15T09:15:00+05:30|2024-01-15T09:15:00+05:30' }
    ) {
        if ($env:OS -eq 'Windows_NT') { Set-ItResult -Skipped -Because 'Windows takes the computer''s zone from its settings, not from TZ'; return }
        $script = Join-Path $script:folder 'local.ps1'
        $summer = New-FakeRecording 'summer.wav'
        $winter = New-FakeRecording 'winter.wav'
        Set-Content -LiteralPath $script -Value @"
Import-Module '$(Join-Path (Get-BuiltModuleRoot) 'Alpharun/Alpharun.psd1')'
Start-AlpharunSandbox | Out-Null
`$a = Send-AlpharunRecording -LiteralPath '$summer' -Teammate ana@acme.com -Contact bob@client.com -TimeZone Local -RecordedAt '2024-07-15 09:15'
`$b = Send-AlpharunRecording -LiteralPath '$winter' -Teammate ana@acme.com -Contact bob@client.com -TimeZone local -RecordedAt '2024-01-15 09:15'
'{0}|{1}' -f `$a.RecordedAt, `$b.RecordedAt
Stop-AlpharunSandbox
"@
        $run = Invoke-PwshFile -Path $script -Environment @{ TZ = $Tz }

        $run.Error | Should -BeNullOrEmpty
        $run.Lines[0] | Should -BeExactly $Sent
    }
}

Describe 'recorded_at without an offset and without -TimeZone is refused, and the message names -TimeZone' {
    BeforeEach {
        $script:folder = New-TestFolder
        Start-AlpharunSandbox | Out-Null
    }

    AfterEach {
        Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
    }

    It 'refuses <Value> given as an argument with one terminating InvalidRecordedAt error before anything is sent' -ForEach @(
        @{ Value = "'2024-01-15 14:30:00'" }
        @{ Value = "([datetime]'2024-01-15T14:30:00')" }
        @{ Value = "(Get-Date '2024-01-15 14:30')" }
    ) {
        $files = 1..3 | ForEach-Object { New-FakeRecording "x$_.wav" }
        $send = [scriptblock]::Create("`$args | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -RecordedAt $Value -ErrorVariable failures")
        $caught = $null
        try { $result = & $send @files } catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -BeExactly "InvalidRecordedAt$script:cmdlet"
        "$caught" | Should -BeLike '-RecordedAt is the same for every file, so nothing was read or sent: *2024-01-15*has no offset*-TimeZone*'
        $result | Should -BeNullOrEmpty
        Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
    }

    It 'refuses a CSV row without an offset on its own file, in input order, and sends the others' {
        $rows = @(
            [pscustomobject]@{ path = (New-FakeRecording 'good-1.wav'); recorded_at = '2024-07-15T09:15:00Z' }
            [pscustomobject]@{ path = (New-FakeRecording 'local.wav'); recorded_at = '2024-07-15 09:15' }
            [pscustomobject]@{ path = (New-FakeRecording 'good-2.wav'); recorded_at = '' }
        ) | ConvertTo-Csv | ConvertFrom-Csv

        $all = $rows | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ErrorAction Continue 2>&1

        $all | ConvertTo-Log | Should -BeExactly @('O:good-1.wav', 'E:InvalidRecordedAt:local.wav', 'O:good-2.wav')
        @($all | Where-Object { $_ -is [Management.Automation.ErrorRecord] })[0].Exception.Message | Should -BeLike "*'2024-07-15 09:15'*local.wav*has no offset*-TimeZone*"
        @($all | Where-Object { $_ -isnot [Management.Automation.ErrorRecord] })[1].RecordedAtSource | Should -Be 'LastWriteTime'
    }
}

Describe 'Blank cells of a CSV are the module''s own errors, in input order' {
    BeforeEach {
        $script:folder = New-TestFolder
        Start-AlpharunSandbox | Out-Null
    }

    AfterEach {
        Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
    }

    It 'writes MissingFile, MissingTeammate and MissingContact between the outputs of the rows around them, and the other rows go' {
        $csv = Join-Path $script:folder 'export.csv'
        $names = 'r1.wav', 'r3.wav', 'r4.wav', 'r5.wav', 'r6.wav', 'r7.wav', 'r8.wav'
        $p = @{}; foreach ($name in $names) { $p[$name] = New-FakeRecording $name }
        Set-Content -LiteralPath $csv -Value @(
            'path,teammate_email,contacts,recorded_at,playbook_id'
            "$($p['r1.wav']),ana@acme.com,bob@client.com,2024-07-15T09:15:00Z,"
            ',ana@acme.com,carol@client.com,2024-07-15T09:16:00Z,'
            "$($p['r3.wav']),ana@acme.com,dave@client.com,2024-07-15T09:17:00Z,"
            "$($p['r4.wav']),,erin@client.com,2024-07-15T09:18:00Z,"
            "$($p['r5.wav']),ana@acme.com,frank@client.com,2024-07-15T09:19:00Z,"
            "$($p['r6.wav']),ana@acme.com,,2024-07-15T09:20:00Z,"
            "$($p['r7.wav']),ana@acme.com,gina@client.com,,"
            "$($p['r8.wav']),ana@acme.com,`"   `",2024-07-15T09:21:00Z,"
        )

        $all = Import-Csv -LiteralPath $csv | Send-AlpharunRecording -ThrottleLimit 2 -ErrorAction Continue 2>&1
        $errors = @($all | Where-Object { $_ -is [Management.Automation.ErrorRecord] })

        $all | ConvertTo-Log | Should -BeExactly @('O:r1.wav', 'E:MissingFile:input row 2', 'O:r3.wav', 'E:MissingTeammate:r4.wav', 'O:r5.wav', 'E:MissingContact:r6.wav', 'O:r7.wav', 'E:MissingContact:r8.wav')
        $errors.CategoryInfo.Category | Should -Be @('InvalidArgument', 'InvalidArgument', 'InvalidArgument', 'InvalidArgument')
        $errors[0].Exception.Message | Should -BeLike 'Input row 2 (*carol@client.com*) has a blank path*'
        $errors[1].Exception.Message | Should -BeLike "*teammate_email*$($p['r4.wav'])*"
        $errors[2].Exception.Message | Should -BeLike "*contact*$($p['r6.wav'])*"
        (Get-AlpharunSandboxRecording).FileName | Sort-Object | Should -BeExactly @('r1.wav', 'r3.wav', 'r5.wav', 'r7.wav')
    }

    It 'writes MissingFile for a blank -Path among the ones given as arguments, in its place' {
        $a = New-FakeRecording 'a.wav'
        $b = New-FakeRecording 'b.wav'

        $all = Send-AlpharunRecording -Path $a, '', $b -Teammate ana@acme.com -Contact bob@client.com -ErrorAction Continue 2>&1

        $all | ConvertTo-Log | Should -BeExactly @('O:a.wav', 'E:MissingFile:-Path value 2', 'O:b.wav')
    }

    It 'skips a blank contact cell beside a filled one, as Select-Object gives them' {
        $rows = @(
            [pscustomobject]@{ path = (New-FakeRecording 'phone.wav'); email = ''; phone = '+1 555 123 4567' }
            [pscustomobject]@{ path = (New-FakeRecording 'email.wav'); email = 'bob@client.com'; phone = $null }
        )

        $result = $rows | Select-Object path, @{ n = 'Contact'; e = { $_.email, $_.phone } } | Send-AlpharunRecording -Teammate ana@acme.com -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        $result.Contacts | Should -BeExactly @('+1 555 123 4567', 'bob@client.com')
    }

    It 'refuses <Arguments> given as an argument with one terminating <ErrorId> error before any file is read' -ForEach @(
        @{ Arguments = "-Teammate '' -Contact bob@client.com"; ErrorId = 'MissingTeammate'; Parameter = '-Teammate' }
        @{ Arguments = '-Teammate $null -Contact bob@client.com'; ErrorId = 'MissingTeammate'; Parameter = '-Teammate' }
        @{ Arguments = "-Teammate ana@acme.com -Contact ''"; ErrorId = 'MissingContact'; Parameter = '-Contact' }
        @{ Arguments = '-Teammate ana@acme.com -Contact @()'; ErrorId = 'MissingContact'; Parameter = '-Contact' }
    ) {
        # The last file is missing: a per-file check would give a FileNotFound for it.
        $files = @(1..3 | ForEach-Object { New-FakeRecording "x$_.wav" }) + (Join-Path $script:folder 'missing.wav')
        $send = [scriptblock]::Create("`$args | Send-AlpharunRecording $Arguments -ErrorVariable failures")
        $caught = $null
        try { $result = & $send @files } catch { $caught = $_ }

        @($failures).Count | Should -Be 1
        $caught.FullyQualifiedErrorId | Should -BeExactly "$ErrorId$script:cmdlet"
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        "$caught" | Should -BeLike "$Parameter is the same for every file, so nothing was read or sent: *"
        $result | Should -BeNullOrEmpty
        Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
    }
}

Describe 'The README''s "From a dialer or CRM export", run as written' {
    BeforeAll {
        $readme = Get-Content -Raw -LiteralPath (Join-Path (Get-RepoRoot) 'README.md')
        $section = [regex]::Match($readme, '(?ms)^### From a dialer or CRM export\r?\n(.*?)(?=^##)').Groups[1].Value
        $script:csvBlocks = @([regex]::Matches($section, '(?s)```csv\r?\n(.*?)```') | ForEach-Object { $_.Groups[1].Value })
        $script:codeBlocks = @([regex]::Matches($section, '(?s)```powershell\r?\n(.*?)```') | ForEach-Object { $_.Groups[1].Value })
        $script:mp3 = [IO.File]::ReadAllBytes((Get-AudioSample 'cbr.mp3'))

        # Lays out the export and the recordings its rows name, in a folder of its own, then runs the README's code there.
        function Invoke-ReadmeExample([string] $CsvName, [string] $Csv, [string] $Code, [string] $FileColumn) {
            $script:folder = New-TestFolder
            Set-Content -LiteralPath (Join-Path $script:folder $CsvName) -Value $Csv.TrimEnd() -NoNewline
            foreach ($row in ($Csv | ConvertFrom-Csv)) {
                $path = Join-Path $script:folder $row.$FileColumn
                $null = New-Item -ItemType Directory -Path (Split-Path -Parent $path) -Force
                if ($path.EndsWith('.mp3')) { [IO.File]::WriteAllBytes($path, $script:mp3) }
                else { $null = New-TestWav -Folder (Split-Path -Parent $path) -Name (Split-Path -Leaf $path) }
            }
            Push-Location -LiteralPath $script:folder
            try { & ([scriptblock]::Create($Code)) 2>&1 }
            finally { Pop-Location }
        }
    }

    BeforeEach {
        Start-AlpharunSandbox | Out-Null
    }

    AfterEach {
        Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
    }

    It 'has a dialer export and a CRM export, each with the code that sends it' {
        $script:csvBlocks.Count | Should -Be 2
        $script:codeBlocks.Count | Should -Be 2
        $script:csvBlocks[0] | Should -BeLike 'File,Agent,CustomerPhone,CustomerEmail,CallStart*'
        $script:codeBlocks[0] | Should -BeLike 'Import-Csv ./calls.csv |*Send-AlpharunRecording -TimeZone America/New_York*'
        $script:codeBlocks[1] | Should -BeLike 'Import-Csv ./crm-calls.csv |*New-AlpharunContact*Send-AlpharunRecording*'
    }

    It 'sends every call of the dialer export in New York time, the blank email or phone cell skipped' {
        $all = Invoke-ReadmeExample 'calls.csv' $script:csvBlocks[0] $script:codeBlocks[0] 'File'

        @($all | Where-Object { $_ -is [Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
        $all.FileName | Should -BeExactly @('0715-0915-4471.wav', '0715-1042-4472.wav', '0103-1130-4473.wav')
        $all.Status | Should -Be @('Created', 'Created', 'Created')
        $all.Teammate | Should -BeExactly @('ana@acme.com', 'ana@acme.com', 'li@acme.com')
        $all.RecordedAt | Should -BeExactly @('2024-07-15T09:15:00-04:00', '2024-07-15T10:42:10-04:00', '2024-01-03T11:30:05-05:00')
        $all.Contacts | Should -BeExactly @('bob@client.com; +1 555 123 4567', '+1 555 987 6543', 'carol@client.com')
    }

    It 'sends every call of the CRM export in its own office''s zone, with the contact''s ext id, names and custom fields' {
        $all = Invoke-ReadmeExample 'crm-calls.csv' $script:csvBlocks[1] $script:codeBlocks[1] 'Recording'

        @($all | Where-Object { $_ -is [Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
        $all.FileName | Should -BeExactly @('crm-88121.mp3', 'crm-88122.mp3')
        $all.Teammate | Should -BeExactly @('ana@acme.com', 'li@acme.com')
        $all.RecordedAt | Should -BeExactly @('2024-07-15T14:05:00-05:00', '2024-07-15T08:30:00-07:00')
        $all.MediaType | Should -Be @('audio/mpeg', 'audio/mpeg')
        $received = Get-AlpharunSandboxRecording
        $bob = ($received | Where-Object FileName -EQ 'crm-88121.mp3').ContactsJson | ConvertFrom-Json
        $carol = ($received | Where-Object FileName -EQ 'crm-88122.mp3').ContactsJson | ConvertFrom-Json
        @($bob).Count | Should -Be 1
        '{0}|{1}|{2}|{3}|{4}' -f $bob.email, $bob.phone_number, $bob.ext_id, $bob.first_name, $bob.last_name | Should -BeExactly 'bob@client.com|+1 555 123 4567|0031x00001|Bob|Smith'
        $bob.custom_fields.ForEach({ '{0}={1}:{2}' -f $_.key, $_.value, $_.value.GetType().Name }) | Sort-Object | Should -BeExactly @('account_tier=Gold:String', 'seats=12:Int64')
        '{0}|{1}|{2}' -f $carol.email, $carol.phone_number, $carol.ext_id | Should -BeExactly 'carol@client.com||0031x00002'
        $carol.PSObject.Properties.Name | Should -Not -Contain 'phone_number'
    }
}
