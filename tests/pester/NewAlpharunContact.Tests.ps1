# New-AlpharunContact as users call it in real pwsh: typed contacts from parameters or CSV rows.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force
    Import-AlpharunUnderTest
    $script:cmdlet = ',Alpharun.Commands.NewAlpharunContactCommand'
}

Describe 'New-AlpharunContact' {
    It 'returns an Alpharun.Contact with every field and the custom fields in the given order' {
        $contact = New-AlpharunContact -Email bob@client.com -PhoneNumber '+15551234567' -ExtId crm-1 -FirstName Bob -LastName Li -CustomField ([ordered]@{ tier = 'gold'; seats = 12; vip = $true; note = $null; score = 4.5 }) -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        @($contact).Count | Should -Be 1
        $contact.PSObject.TypeNames[0] | Should -BeExactly 'Alpharun.Contact'
        $contact.Email | Should -BeExactly 'bob@client.com'
        $contact.PhoneNumber | Should -BeExactly '+15551234567'
        $contact.ExtId | Should -BeExactly 'crm-1'
        $contact.FirstName | Should -BeExactly 'Bob'
        $contact.LastName | Should -BeExactly 'Li'
        (@($contact.CustomFields).ForEach({ $_.ToString() }) -join ', ') | Should -BeExactly 'tier=gold, seats=12, vip=True, note=null, score=4.5'
    }

    It 'binds CSV rows by property name and ignores unrelated columns' {
        $folder = New-TestFolder
        try {
            $csv = Join-Path $folder 'contacts.csv'
            Set-Content -LiteralPath $csv -Value 'email,phone,ext_id,first_name,last_name,unrelated', 'a@x.io,,,Ann,Lee,1', ',+15550002222,crm-2,,,2'

            $contacts = Import-Csv -LiteralPath $csv | New-AlpharunContact -ErrorVariable failures

            $failures | Should -BeNullOrEmpty
            $contacts.Count | Should -Be 2
            $contacts[0].Email | Should -BeExactly 'a@x.io'
            $contacts[0].FirstName | Should -BeExactly 'Ann'
            $contacts[0].LastName | Should -BeExactly 'Lee'
            $contacts[0].PhoneNumber | Should -Be $null
            $contacts[1].PhoneNumber | Should -BeExactly '+15550002222'
            $contacts[1].ExtId | Should -BeExactly 'crm-2'
        }
        finally {
            Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction Ignore
        }
    }

    It 'refuses a custom field value of type <TypeName> with one InvalidCustomField error that names the type' -ForEach @(
        @{ CustomField = '@{ nested = @{ a = 1 } }'; TypeName = 'System.Collections.Specialized.OrderedDictionary' }
        @{ CustomField = '@{ list = @(1, 2) }'; TypeName = 'System.Object[]' }
        @{ CustomField = "@{ when = [datetime]'2024-01-01' }"; TypeName = 'System.DateTime' }
        @{ CustomField = '@{ code = { 1 } }'; TypeName = 'System.Management.Automation.ScriptBlock' }
    ) {
        $new = [scriptblock]::Create("New-AlpharunContact -Email b@c.io -CustomField $CustomField")
        $all = @(& { try { & $new } catch { $_ } } 2>&1)

        $all.Count | Should -Be 1
        $all[0] | Should -BeOfType [Management.Automation.ErrorRecord]
        $all[0].FullyQualifiedErrorId | Should -BeExactly "InvalidCustomField$script:cmdlet"
        $all[0].Exception.Message | Should -MatchExactly ([regex]::Escape($TypeName))
    }

    It 'says what is wrong with a custom field in words alone, without .NET''s "(Parameter ''value'')", from New-AlpharunContact and from -Contact' {
        $folder = New-TestFolder
        try {
            $file = New-FakeRecording -Folder $folder -Name 'custom.wav'
            $fromNew = @(& { try { New-AlpharunContact -Email b@c.io -CustomField @{ when = [datetime]'2024-01-01' } } catch { $_ } } 2>&1)
            $fromSend = @(& { try { Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact @{ Email = 'b@c.io'; CustomField = @{ ' ' = 1 } } -WhatIf } catch { $_ } } 2>&1)
        }
        finally {
            Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction Ignore
        }

        $fromNew.Count | Should -Be 1
        $fromNew[0].Exception.Message | Should -BeExactly "Custom field 'when' has a value of type System.DateTime. Custom field values must be a string, a number, a boolean or null."
        $fromSend.Count | Should -Be 1
        $fromSend[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidCustomField,Alpharun.Commands.SendAlpharunRecordingCommand'
        # -Contact given as an argument is checked once, before any file: one terminating error with the text alone.
        $fromSend[0].Exception.Message | Should -BeExactly 'A custom field needs a non-empty key.'
    }

    It 'refuses a contact without an email, phone number or ext id with one InvalidContact error' {
        $all = @(& { try { New-AlpharunContact -FirstName Bob } catch { $_ } } 2>&1)

        $all.Count | Should -Be 1
        $all[0] | Should -BeOfType [Management.Automation.ErrorRecord]
        $all[0].FullyQualifiedErrorId | Should -BeExactly "InvalidContact$script:cmdlet"
    }
}
