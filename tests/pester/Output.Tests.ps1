# What the module's output looks like in real pwsh: default views at 80 and 120 columns, JSON, CSV.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force
    Import-AlpharunUnderTest
    $script:folder = New-TestFolder
    function New-FakeRecording([string] $Name, [int] $Length = 2048) { TestKit\New-FakeRecording -Folder $script:folder -Name $Name -Length $Length }

    # Non-empty lines of rendered text, trailing spaces removed.
    function Get-RenderedLine([Parameter(ValueFromPipeline)] $InputObject, [int] $Width) {
        begin { $all = [Collections.Generic.List[object]]::new() }
        process { $all.Add($InputObject) }
        end { @(($all | Out-String -Width $Width) -split '\r?\n' | ForEach-Object TrimEnd | Where-Object { $_ }) }
    }
    $script:guid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
}

AfterAll {
    Stop-AlpharunSandbox
    Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
}

Describe 'Default views' {
    BeforeAll {
        Start-AlpharunSandbox | Out-Null
        $script:file = New-FakeRecording 'ana_dave-support.wav' 4044
        $script:first = Send-AlpharunRecording -LiteralPath $script:file -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00-05:00'
        $script:again = Send-AlpharunRecording -LiteralPath $script:file -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00-05:00'
        $script:uploads = @($script:first, $script:again)
    }

    It 'shows uploads at 80 columns as status, whole id and file name on one line each' {
        $lines = $script:uploads | Get-RenderedLine -Width 80
        $lines[0] | Should -Match '^Status\s+RecordingId\s+FileName$'
        $lines[2] | Should -Be "Created        $($script:first.RecordingId) ana_dave-support.wav"
        $lines[3] | Should -Be "AlreadyExisted $($script:first.RecordingId) ana_dave-support.wav"
        $lines.Count | Should -Be 4
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'cuts only a long file name at 80 columns, at its end, keeping status and id whole' {
        $long = New-FakeRecording '2024-05-03_ana_dave-support-call.wav'
        $upload = Send-AlpharunRecording -LiteralPath $long -Teammate ana@acme.com -Contact bob@client.com
        $lines = @($script:again, $upload) | Get-RenderedLine -Width 80
        # PowerShell 7 cuts with '…'; Windows PowerShell 5.1 with '...', which takes two more columns.
        $cut = if ($PSVersionTable.PSEdition -eq 'Desktop') { '2024-05-03_ana_dave-supp...' } else { '2024-05-03_ana_dave-support…' }
        $lines[3] | Should -Be "Created        $($upload.RecordingId) $cut"
        ($lines[3]).Length | Should -Be 80
        $lines = @($script:again, $upload) | Get-RenderedLine -Width 120
        $lines[3] | Should -Be "Created        $($upload.RecordingId) 2024-05-03_ana_dave-support-call.wav"
    }

    It 'shows uploads at 120 columns with the same columns and whole values' {
        $lines = $script:uploads | Get-RenderedLine -Width 120
        $lines[0] | Should -Match '^Status\s+RecordingId\s+FileName$'
        $lines[3] | Should -Be "AlreadyExisted $($script:first.RecordingId) ana_dave-support.wav"
    }

    It 'shows every field of an upload with Format-List, RecordedAt with its offset' {
        $text = $script:first | Format-List | Out-String -Width 80
        foreach ($label in 'FileName', 'Status', 'RecordingId', 'Teammate', 'RecordedAt', 'RecordedAtSource', 'Contacts', 'PlaybookId', 'Path', 'Length', 'MediaType', 'AudioDurationSeconds', 'HttpStatus', 'Attempts', 'ElapsedSeconds', 'AcceptedAt') {
            $text | Should -Match "(?m)^$label\s+:"
        }
        $text | Should -Match '(?m)^RecordedAt\s+: 2024-01-15T14:30:00-05:00$'
        $text | Should -Match '(?m)^Contacts\s+: bob@client\.com$'
    }

    It 'shows sandbox recordings at 80 columns with whole ids and sizes' {
        $lines = Get-AlpharunSandboxRecording | Get-RenderedLine -Width 80
        $lines[0] | Should -Match '^Status\s+RecordingId\s+Size\s+FileName$'
        $lines[2] | Should -Be "Created        $($script:first.RecordingId) 4044 ana_dave-support.wav"
        $lines[3] | Should -Be "AlreadyExisted $($script:first.RecordingId) 4044 ana_dave-support.wav"
    }

    It 'shows a contact at 80 columns as a table of its fields' {
        $lines = New-AlpharunContact -Email bob@client.com -PhoneNumber '+15551234567' -FirstName Bob -LastName Stone -CustomField @{ tier = 'gold' } | Get-RenderedLine -Width 80
        $lines[0] | Should -Match '^Email\s+PhoneNumber\s+ExtId\s+FirstName\s+LastName\s+CustomFields$'
        $lines[2] | Should -Match '^bob@client\.com\s+\+15551234567\s+Bob\s+Stone\s+tier=gold$'
    }

    It 'shows a started sandbox as one line with its address (and so its port) and start time' {
        Stop-AlpharunSandbox
        $sandbox = Start-AlpharunSandbox
        $lines = @($sandbox | Get-RenderedLine -Width 80)
        $lines.Count | Should -Be 1
        $lines[0] | Should -BeExactly "Sandbox Alpharun API at $($sandbox.BaseUri.AbsoluteUri) (started $($sandbox.StartedAt.ToString('HH:mm:ss', [cultureinfo]::InvariantCulture)))"
    }

    It 'prints Start-AlpharunSandbox in a script run at 80 columns on one line that fits them' {
        # What a new user sees: pwsh -File at an 80-column console. A free port is a five-digit one (the longest address).
        $script = Join-Path $script:folder 'start-at-80.ps1'
        Set-Content -LiteralPath $script -Value @(
            'Import-Module Alpharun -ErrorAction Stop'
            'Start-AlpharunSandbox'
            "'next line'"
            'Stop-AlpharunSandbox'
        )

        $run = Invoke-PwshFile -Path $script -Columns 80

        $run.Error | Should -BeNullOrEmpty
        $lines = @($run.Lines | ForEach-Object TrimEnd | Where-Object { $_ })
        $lines[0] | Should -MatchExactly '^Sandbox Alpharun API at http://127\.0\.0\.1:\d{5}/api/v1 \(started \d\d:\d\d:\d\d\)$'
        $lines[1] | Should -BeExactly 'next line'
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'shows a connection from Connect-Alpharun -PassThru as one line with its address and a masked key' {
        $key = ConvertTo-SecureString 'connection-view-key-0123456789' -AsPlainText -Force
        $connection = Connect-Alpharun -ApiKey $key -BaseUri https://alpharun.example/api/v1 -PassThru
        try { $lines = @($connection | Get-RenderedLine -Width 80) }
        finally { Disconnect-Alpharun }
        $lines | Should -Be @('Alpharun connection to https://alpharun.example/api/v1 (key ***)')
    }

    It 'prints a started sandbox on its own line, so the uploads after it in a script still get their table' {
        Stop-AlpharunSandbox
        $lines = @((Start-AlpharunSandbox), $script:first) | Get-RenderedLine -Width 80
        $lines[0] | Should -Match '^Sandbox Alpharun API at http://127\.0\.0\.1:\d+/api/v1 '
        $lines[1] | Should -Match '^Status\s+RecordingId\s+FileName$'
        $lines[3] | Should -Be "Created $($script:first.RecordingId) ana_dave-support.wav"
    }

    It 'shows queued sandbox faults at 80 columns as a table of kind, count and settings' {
        $lines = @(
            Add-AlpharunSandboxFault -StatusCode 503 -RetryAfter 2 -Count 2 -PassThru
            Add-AlpharunSandboxFault -Stall '00:00:05' -PassThru
        ) | Get-RenderedLine -Width 80
        Clear-AlpharunSandboxFault
        $lines[0] | Should -Match '^Kind\s+Count\s+StatusCode\s+RetryAfter\s+AfterBytes\s+Delay$'
        $lines[2] | Should -Match '^Status\s+2\s+503\s+2\s+0\s+00:00:00$'
        $lines[3] | Should -Match '^Stall\s+1\s+0\s+0\s+00:00:05$'
    }

    It 'has a default view for every type the module declares as output' {
        $types = Get-Command -Module Alpharun | ForEach-Object OutputType | ForEach-Object Name | Where-Object { $_ -ne 'System.Void' } | Sort-Object -Unique
        $types | Should -Be @('Alpharun.AlpharunConnection', 'Alpharun.Contact', 'Alpharun.RecordingUpload', 'Alpharun.Sandbox.SandboxFault', 'Alpharun.Sandbox.SandboxRecording', 'Alpharun.SandboxInfo')
        foreach ($type in $types) {
            Get-FormatData -TypeName $type | Should -Not -BeNullOrEmpty -Because "$type needs a view"
        }
    }
}

Describe 'Uploads at the prompt' {
    BeforeAll {
        Start-AlpharunSandbox | Out-Null
        $script:results = 'p1.wav', 'p2.wav' | ForEach-Object { New-FakeRecording $_ } | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com
    }

    It 'keeps the Id alias and Status comparisons by name' {
        $script:results[0].Id | Should -Be $script:results[0].RecordingId
        $script:results[0].RecordingId | Should -BeOfType [guid]
        ($script:results | Where-Object Status -eq Created).Count | Should -Be 2
        $script:results[0].Status -eq 'Created' | Should -BeTrue
        $script:results[0].PSObject.TypeNames[0] | Should -Be 'Alpharun.RecordingUpload'
    }

    It 'lists the Id alias of an upload and of a sandbox recording first, as an alias of RecordingId' {
        $received = @(Get-AlpharunSandboxRecording)[0]
        foreach ($item in $script:results[0], $received) {
            $item.Id | Should -Be $item.RecordingId
            $member = $item | Get-Member -Name Id
            '{0} {1}' -f $member.MemberType, $member.Definition | Should -BeExactly 'AliasProperty Id = RecordingId'
            @($item.PSObject.Properties.Name)[0] | Should -BeExactly 'Id'
            ($item | ConvertTo-Csv)[0] | Should -BeLike '"Id","*'
        }
        @($script:results | Sort-Object Id).Count | Should -Be 2
    }

    It 'keeps the Id alias in a runspace that never imported the module' -Skip:($PSVersionTable.PSEdition -eq 'Desktop') {
        # (Skipped in Windows PowerShell 5.1: ForEach-Object -Parallel is PowerShell 7.)
        $ids = $script:results | ForEach-Object -Parallel { $_.Id }

        $ids | Sort-Object | Should -Be ($script:results.RecordingId | Sort-Object)
    }
}

Describe 'Uploads as JSON' {
    BeforeAll {
        Start-AlpharunSandbox | Out-Null
        $file = New-FakeRecording 'json.wav' 1000
        $contact = New-AlpharunContact -Email carol@client.com -FirstName Carol -CustomField @{ plan = 'gold' }
        $script:result = Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com, $contact -RecordedAt '2024-01-15T14:30:00.25-05:00' -PlaybookId 3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6b
        $script:json = $script:result | ConvertTo-Json -WarningVariable jsonWarnings
        $script:jsonWarnings = $jsonWarnings
        $script:parsed = $script:json | ConvertFrom-Json
    }

    It 'converts with the default depth and no warning' {
        $script:jsonWarnings | Should -BeNullOrEmpty
    }

    It 'writes the log-friendly properties in order, status by name and time in seconds' {
        $script:parsed.PSObject.Properties.Name | Should -Be @('FileName', 'Status', 'RecordingId', 'Teammate', 'RecordedAt', 'RecordedAtSource', 'Contacts', 'PlaybookId', 'Path', 'Length', 'MediaType', 'AudioDurationSeconds', 'HttpStatus', 'Attempts', 'ElapsedSeconds', 'AcceptedAt', 'Id')
        $script:json | Should -Match '"Status": "Created"'
        $script:json | Should -Match '"RecordedAt": "2024-01-15T14:30:00.25-05:00"'
        $script:json | Should -Match '"PlaybookId": "3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6b"'
        $script:parsed.ElapsedSeconds | Should -BeOfType [double]
        $script:json | Should -Match '"RecordedAtSource": "Parameter"'
        $script:json | Should -Match '"AudioDurationSeconds": null'
        $script:parsed.Length | Should -Be 1000
        $script:json | Should -Match '"AcceptedAt": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d"'
    }

    It 'keeps every contact field, custom fields included, as the JSON sent to the API' {
        $script:parsed.Contacts | Should -Be '[{"email":"bob@client.com"},{"email":"carol@client.com","first_name":"Carol","custom_fields":[{"key":"plan","value":"gold"}]}]'
    }

    It 'converts a contact with custom fields with the default depth and no warning' {
        New-AlpharunContact -Email a@b.com -CustomField @{ plan = 'gold' } | ConvertTo-Json -WarningVariable contactWarnings | Out-Null
        $contactWarnings | Should -BeNullOrEmpty
    }

    It 'writes a contact''s custom fields as key and value' {
        $json = New-AlpharunContact -Email a@b.com -CustomField @{ plan = 'gold' } | ConvertTo-Json -Compress
        $json | Should -Be '{"Email":"a@b.com","PhoneNumber":null,"ExtId":null,"FirstName":null,"LastName":null,"CustomFields":[{"Key":"plan","Value":"gold"}]}'
    }

    It 'writes a started sandbox as its address, port, start time and connection, with no key in it' {
        Stop-AlpharunSandbox
        $key = 'sandbox-json-key-0123456789'
        $json = Start-AlpharunSandbox -ApiKey (ConvertTo-SecureString $key -AsPlainText -Force) | ConvertTo-Json -WarningVariable sandboxWarnings
        $sandboxWarnings | Should -BeNullOrEmpty
        $json | Should -Not -BeLike "*$($key.Substring(0, 8))*"
        $parsed = $json | ConvertFrom-Json
        $parsed.PSObject.Properties.Name | Should -Be @('BaseUri', 'Port', 'StartedAt', 'Connection')
        $parsed.BaseUri | Should -Match '^http://127\.0\.0\.1:\d+/api/v1$'
    }
}

Describe 'Uploads as CSV' {
    BeforeAll {
        Start-AlpharunSandbox | Out-Null
        $script:csv = Join-Path $script:folder 'log.csv'
        $plain = New-FakeRecording 'csv-plain.wav'
        $rich = New-FakeRecording 'csv-rich.wav'
        $script:results = @(
            Send-AlpharunRecording -LiteralPath $plain -Teammate ana@acme.com -Contact bob@client.com, '+15551234567'
            Send-AlpharunRecording -LiteralPath $rich -Teammate li@acme.com -Contact @{ Email = 'carol@client.com'; LastName = 'Ng' } -RecordedAt '2024-02-01T09:00:00Z' -PlaybookId 3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6b
        )
        $script:results | Export-Csv -LiteralPath $script:csv
        $script:rows = Import-Csv -LiteralPath $script:csv
    }

    It 'writes the status by name and the contacts as text -Contact accepts' {
        $script:rows.Status | Should -Be @('Created', 'Created')
        $script:rows[0].Contacts | Should -Be 'bob@client.com; +15551234567'
        $script:rows[1].Contacts | Should -Be '[{"email":"carol@client.com","last_name":"Ng"}]'
        $script:rows[1].RecordedAt | Should -Be '2024-02-01T09:00:00+00:00'
    }

    It 'sends the same recordings again from the CSV and gets AlreadyExisted with the same ids' {
        $again = Import-Csv -LiteralPath $script:csv | Send-AlpharunRecording
        $again.Status | Should -Be @('AlreadyExisted', 'AlreadyExisted')
        $again.RecordingId | Should -Be $script:results.RecordingId
        $again.Contacts | Should -Be $script:results.Contacts
        $again.Teammate | Should -Be @('ana@acme.com', 'li@acme.com')
    }
}
