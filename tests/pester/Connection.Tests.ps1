# Where the connection comes from: -ApiKey/-BaseUri, then Connect-Alpharun (or a SecretManagement vault), then
# $env:ALPHARUN_API_KEY/$env:ALPHARUN_BASE_URI.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force
    Import-AlpharunUnderTest
    $script:send = ',Alpharun.Commands.SendAlpharunRecordingCommand'
    $script:connect = ',Alpharun.Commands.ConnectAlpharunCommand'

    # Each test starts with no sandbox, no connection and no ALPHARUN_* variables, and leaves the session so.
    function Enter-Unconnected {
        $script:savedApiKey = $env:ALPHARUN_API_KEY
        $script:savedBaseUri = $env:ALPHARUN_BASE_URI
        $env:ALPHARUN_API_KEY = $null
        $env:ALPHARUN_BASE_URI = $null
        Stop-AlpharunSandbox
        Disconnect-Alpharun
        $script:folder = New-TestFolder
    }

    function Exit-Unconnected {
        Stop-AlpharunSandbox
        Disconnect-Alpharun
        $env:ALPHARUN_API_KEY = $script:savedApiKey
        $env:ALPHARUN_BASE_URI = $script:savedBaseUri
        Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
    }

    # Every authenticated upload request the session's sandbox received, accepted or not.
    function Get-TestSandboxRequestCount {
        $type = [Alpharun.Commands.SendAlpharunRecordingCommand].Assembly.GetType('Alpharun.Commands.AlpharunSession', $true)
        $type.GetProperty('Sandbox').GetValue($type.GetProperty('Current').GetValue($null)).UploadRequestCount
    }
}

AfterAll {
    Stop-AlpharunSandbox
}

Describe 'Connection order' {
    BeforeEach {
        Enter-Unconnected
    }

    AfterEach {
        Exit-Unconnected
    }

    It 'stops with one terminating ApiKeyMissing error that says how to connect when no key is given anywhere' {
        $null = New-FakeRecording -Folder $script:folder -Name 'a.wav'
        $null = New-FakeRecording -Folder $script:folder -Name 'b.wav'
        # try/catch sees only terminating errors: a per-file (non-terminating) error would not be caught, and 2>&1 would show it.
        $all = @(& {
            try { Get-ChildItem (Join-Path $script:folder '*.wav') | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -BaseUri http://127.0.0.1:9/api/v1 }
            catch { 'caught ' + $_.FullyQualifiedErrorId; $_.Exception.Message }
        } 2>&1)

        $all.Count | Should -Be 2
        $all[0] | Should -BeExactly "caught ApiKeyMissing$script:send"
        $all[1] | Should -MatchExactly 'Connect-Alpharun'
        $all[1] | Should -MatchExactly 'ALPHARUN_API_KEY'
    }

    It 'uses the key Connect-Alpharun was given, which the sandbox rejects when wrong, and forgets it after Disconnect-Alpharun' {
        $baseUri = (Start-AlpharunSandbox).BaseUri.AbsoluteUri
        $file = New-FakeRecording -Folder $script:folder -Name 'a.wav'

        Connect-Alpharun -ApiKey (ConvertTo-SecureString 'not-the-key' -AsPlainText -Force) -BaseUri $baseUri
        $rejected = @(& { try { Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com } catch { $_ } } 2>&1)
        $rejected.Count | Should -Be 1
        $rejected[0].FullyQualifiedErrorId | Should -BeExactly "ApiKeyRejected$script:send"

        Disconnect-Alpharun
        $missing = @(& { try { Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -BaseUri $baseUri } catch { $_ } } 2>&1)
        $missing.Count | Should -Be 1
        $missing[0].FullyQualifiedErrorId | Should -BeExactly "ApiKeyMissing$script:send"
        Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
    }

    It 'connects a new pwsh without Connect-Alpharun from $env:ALPHARUN_API_KEY and $env:ALPHARUN_BASE_URI' {
        $sandbox = Start-AlpharunSandbox -ApiKey (ConvertTo-SecureString 'sbx-from-environment' -AsPlainText -Force)
        # The key and address reach the environment the way a scheduled task would set them; the child pwsh inherits them.
        $env:ALPHARUN_BASE_URI = $sandbox.BaseUri.AbsoluteUri
        $env:ALPHARUN_API_KEY = 'sbx-from-environment'
        $file = New-FakeRecording -Folder $script:folder -Name 'env.wav'
        $script = Join-Path $script:folder 'send.ps1'
        Set-Content -LiteralPath $script -Value @(
            'param([string] $File)'
            'Import-Module Alpharun -ErrorAction Stop'
            '$result = Send-AlpharunRecording -LiteralPath $File -Teammate ana@acme.com -Contact bob@client.com'
            '"Uploads=$(@($result).Count) Status=$($result.Status)"'
        )

        $run = Invoke-PwshFile -Path $script -ArgumentList $file

        $run.Error | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        $run.Output.Trim() | Should -BeExactly 'Uploads=1 Status=Created'
        @(Get-AlpharunSandboxRecording).Count | Should -Be 1
    }
}

Describe 'The sandbox and the connection it replaces (issue 18, item 10)' {
    BeforeAll {
        # The "API" the user was connected to: a sandbox of its own in another runspace of this process, with a known key.
        $script:apiKey = ConvertTo-SecureString 'sbx-the-real-api-0123456789' -AsPlainText -Force
        $script:apiRunspace = [runspacefactory]::CreateRunspace()
        $script:apiRunspace.Open()
        $script:inApi = {
            param([scriptblock] $Script, [object[]] $Arguments = @())
            $ps = [powershell]::Create()
            $ps.Runspace = $script:apiRunspace
            try { $ps.AddScript($Script).AddParameters($Arguments).Invoke() } finally { $ps.Dispose() }
        }
        $script:api = & $script:inApi { param($Manifest, $Key) Import-Module $Manifest -ErrorAction Stop; Start-AlpharunSandbox -ApiKey $Key } @((Join-Path (Get-BuiltModuleRoot) 'Alpharun/Alpharun.psd1'), $script:apiKey)
    }

    AfterAll {
        $script:apiRunspace.Dispose()
    }

    BeforeEach {
        Enter-Unconnected
    }

    AfterEach {
        Exit-Unconnected
    }

    It 'gives back the connection Start-AlpharunSandbox replaced when Stop-AlpharunSandbox runs, and says so with -Verbose' {
        $file = New-FakeRecording -Folder $script:folder -Name 'after-sandbox.wav'
        Connect-Alpharun -ApiKey $script:apiKey -BaseUri $script:api.BaseUri

        $sandbox = Start-AlpharunSandbox
        $stopped = @(Stop-AlpharunSandbox -Verbose 4>&1)
        $result = Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com

        $stopped.Count | Should -Be 1
        "$($stopped[0])" | Should -BeExactly "Stopped the sandbox at $($sandbox.BaseUri). The session is connected to $($script:api.BaseUri) again, the connection Start-AlpharunSandbox replaced."
        $result.Status | Should -BeExactly 'Created'
        @(& $script:inApi { Get-AlpharunSandboxRecording }).FileName | Should -BeExactly 'after-sandbox.wav'
    }

    It 'gives back the connection before the first of two sandboxes started one after the other' {
        $file = New-FakeRecording -Folder $script:folder -Name 'after-two-sandboxes.wav'
        Connect-Alpharun -ApiKey $script:apiKey -BaseUri $script:api.BaseUri

        $null = Start-AlpharunSandbox
        $null = Start-AlpharunSandbox
        Stop-AlpharunSandbox
        $result = Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com

        $result.Status | Should -BeExactly 'Created'
        @(& $script:inApi { Get-AlpharunSandboxRecording }).FileName | Should -Contain 'after-two-sandboxes.wav'
    }

    It 'keeps a connection made after Start-AlpharunSandbox when Stop-AlpharunSandbox runs' {
        $sandbox = Start-AlpharunSandbox
        Connect-Alpharun -ApiKey $script:apiKey -BaseUri $script:api.BaseUri

        $stopped = @(Stop-AlpharunSandbox -Verbose 4>&1)

        $result = Send-AlpharunRecording -LiteralPath (New-FakeRecording -Folder $script:folder -Name 'connected-after.wav') -Teammate ana@acme.com -Contact bob@client.com

        "$($stopped[0])" | Should -BeExactly "Stopped the sandbox at $($sandbox.BaseUri). The session stays connected to $($script:api.BaseUri), which it was connected to after Start-AlpharunSandbox."
        $result.Status | Should -BeExactly 'Created'
        @(& $script:inApi { Get-AlpharunSandboxRecording }).FileName | Should -Contain 'connected-after.wav'
    }

    It 'forgets the sandbox''s own connection when there was none before, and the next upload names Stop-AlpharunSandbox as the cause' {
        $file = New-FakeRecording -Folder $script:folder -Name 'no-connection.wav'
        $sandbox = Start-AlpharunSandbox

        $stopped = @(Stop-AlpharunSandbox -Verbose 4>&1)
        $all = @(& { try { Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com } catch { $_ } } 2>&1)

        "$($stopped[0])" | Should -BeExactly "Stopped the sandbox at $($sandbox.BaseUri). The session is no longer connected: it had no connection before Start-AlpharunSandbox."
        $all.Count | Should -Be 1
        $all[0].FullyQualifiedErrorId | Should -BeExactly "ApiKeyMissing$script:send"
        $all[0].Exception.Message | Should -BeExactly ("This session has no Alpharun connection: Stop-AlpharunSandbox stopped the sandbox at $($sandbox.BaseUri) it was connected to, and it had no connection before Start-AlpharunSandbox. " +
            "Connect again with Connect-Alpharun -ApiKey (Read-Host -AsSecureString 'API key') or Start-AlpharunSandbox, pass -ApiKey, or set `$env:ALPHARUN_API_KEY.")
    }

    It 'names Disconnect-Alpharun as the cause after it, not a new runspace' {
        $file = New-FakeRecording -Folder $script:folder -Name 'disconnected.wav'
        Connect-Alpharun -ApiKey $script:apiKey -BaseUri $script:api.BaseUri
        Disconnect-Alpharun

        $all = @(& { try { Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com } catch { $_ } } 2>&1)

        $all.Count | Should -Be 1
        $all[0].FullyQualifiedErrorId | Should -BeExactly "ApiKeyMissing$script:send"
        $all[0].Exception.Message | Should -BeLike "This session has no Alpharun connection: Disconnect-Alpharun forgot its connection to $($script:api.BaseUri). Connect again with *"
        $all[0].Exception.Message | Should -Not -BeLike '*ForEach-Object -Parallel*'
    }
}

Describe 'A key that cannot be sent (InvalidApiKey)' {
    BeforeEach {
        Enter-Unconnected
        # The key as users store it: one line in a file, with the line break every editor adds.
        $script:keyFile = Join-Path $script:folder 'key.txt'
        Set-Content -LiteralPath $script:keyFile -Value 'sk_live_KEYFILE_0123qrst4567'
    }

    AfterEach {
        Exit-Unconnected
    }

    It 'is refused by Connect-Alpharun with the fix, and no connection is kept' {
        $key = Get-Content -LiteralPath $script:keyFile -Raw | ConvertTo-SecureString -AsPlainText -Force
        $all = @(& { try { Connect-Alpharun -ApiKey $key -BaseUri http://127.0.0.1:9/api/v1 } catch { $_ } } 2>&1)

        $all.Count | Should -Be 1
        $all[0].FullyQualifiedErrorId | Should -BeExactly "InvalidApiKey$script:connect"
        $all[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $all[0].TargetObject | Should -BeNullOrEmpty
        $all[0].Exception.Message | Should -BeLike 'The key given with -ApiKey ends with a line break, which cannot be sent in the Authorization header;*read it with (Get-Content -Raw).Trim()*'
        $all[0].Exception.Message | Should -Not -Match 'KEYFILE'
        # The fix the message gives works.
        Connect-Alpharun -ApiKey ((Get-Content -LiteralPath $script:keyFile -Raw).Trim() | ConvertTo-SecureString -AsPlainText -Force) -BaseUri http://127.0.0.1:9/api/v1 -PassThru | Should -Not -BeNullOrEmpty
    }

    It 'is refused for Send-AlpharunRecording -ApiKey once, before any file is read or sent' {
        $sandbox = Start-AlpharunSandbox
        $files = @(
            New-FakeRecording -Folder $script:folder -Name 'a.wav'
            New-FakeRecording -Folder $script:folder -Name 'b.wav'
            Join-Path $script:folder 'missing.wav'
        )
        $key = Get-Content -LiteralPath $script:keyFile -Raw | ConvertTo-SecureString -AsPlainText -Force

        $all = @(& { try { $files | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ApiKey $key -BaseUri $sandbox.BaseUri } catch { $_ } } 2>&1)

        # One error, and not the missing file's: nothing was read.
        $all.Count | Should -Be 1
        $all[0].FullyQualifiedErrorId | Should -BeExactly "InvalidApiKey$script:send"
        $all[0].Exception.Message | Should -BeLike 'The key given with -ApiKey ends with a line break*'
        (Get-TestSandboxRequestCount) | Should -Be 0
    }

    It 'is refused for <Case> in $env:ALPHARUN_API_KEY, in a new pwsh' -ForEach @(
        @{ Case = 'a trailing line break'; Value = "sk_live_ENV_0123qrst4567`n"; Expected = '$env:ALPHARUN_API_KEY ends with a line break*' }
        @{ Case = 'surrounding spaces'; Value = ' sk_live_ENV_0123qrst4567 '; Expected = '$env:ALPHARUN_API_KEY starts with a space, which is not part of the key. Remove it*' }
        @{ Case = 'a NUL'; Value = "sk_live_ENV`0_0123"; Expected = '$env:ALPHARUN_API_KEY holds a NUL character*' }
    ) {
        $file = New-FakeRecording -Folder $script:folder -Name 'env.wav'
        $script = Join-Path $script:folder 'send.ps1'
        Set-Content -LiteralPath $script -Value @(
            'param([string] $File)'
            'Import-Module Alpharun -ErrorAction Stop'
            'try { Send-AlpharunRecording -LiteralPath $File -Teammate ana@acme.com -Contact bob@client.com -BaseUri http://127.0.0.1:9/api/v1 } catch { "id=$($_.FullyQualifiedErrorId)"; "message=$($_.Exception.Message)" }'
        )
        if ($Case -eq 'a NUL' -and -not $IsWindows) {
            # An environment string cannot hold a NUL on Linux: the rule is the same, checked through -ApiKey there.
            $all = @(& { try { Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -ApiKey ($Value | ConvertTo-SecureString -AsPlainText -Force) -BaseUri http://127.0.0.1:9/api/v1 } catch { $_ } } 2>&1)
            $all[0].FullyQualifiedErrorId | Should -BeExactly "InvalidApiKey$script:send"
            $all[0].Exception.Message | Should -BeLike 'The key given with -ApiKey holds a NUL character*'
            return
        }

        $run = Invoke-PwshFile -Path $script -ArgumentList $file -Environment @{ ALPHARUN_API_KEY = $Value; ALPHARUN_BASE_URI = $null }

        $run.Lines | Should -Contain "id=InvalidApiKey$script:send"
        ($run.Lines | Where-Object { $_ -like 'message=*' }) | Should -BeLike ('message=' + $Expected)
    }
}

Describe 'A base URI with a user name and password (InvalidBaseUri)' {
    BeforeEach {
        Enter-Unconnected
        $script:file = New-FakeRecording -Folder $script:folder -Name 'call.wav'
        $script:address = 'https://ana:s3cret-PASSWORD@api.example.test/api/v1'
    }

    AfterEach {
        Exit-Unconnected
    }

    It 'is refused by <Command> without showing the password' -ForEach @(
        @{ Command = 'Send-AlpharunRecording'; Script = 'Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -ApiKey (ConvertTo-SecureString sk_test_key_01234567 -AsPlainText -Force) -BaseUri $args[1] -Verbose -Debug'; Id = 'InvalidBaseUri,Alpharun.Commands.SendAlpharunRecordingCommand' }
        @{ Command = 'Send-AlpharunRecording -WhatIf'; Script = 'Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -BaseUri $args[1] -WhatIf -Verbose'; Id = 'InvalidBaseUri,Alpharun.Commands.SendAlpharunRecordingCommand' }
        @{ Command = 'Connect-Alpharun -PassThru'; Script = 'Connect-Alpharun -ApiKey (ConvertTo-SecureString sk_test_key_01234567 -AsPlainText -Force) -BaseUri $args[1] -PassThru -Verbose | ConvertTo-Json'; Id = 'InvalidBaseUri,Alpharun.Commands.ConnectAlpharunCommand' }
    ) {
        # In a new pwsh, as a user sees it: everything it prints, on every stream.
        $child = Join-Path $script:folder 'child.ps1'
        Set-Content -LiteralPath $child -Value @(
            'param([string] $File, [string] $Address)'
            'Import-Module Alpharun -ErrorAction Stop'
            '$DebugPreference = "Continue"'
            "try { & { $($Script.Replace('$args[0]', '$File').Replace('$args[1]', '$Address')) } *>&1 | Out-String -Width 200 } catch { `"id=`$(`$_.FullyQualifiedErrorId)`"; `"message=`$(`$_.Exception.Message)`"; `$_ | Out-String -Width 200 }"
        )

        $run = Invoke-PwshFile -Path $child -ArgumentList $script:file, $script:address

        $run.Lines | Should -Contain "id=$Id"
        $run.Lines | Should -Contain "message=The base URI 'https://***@api.example.test/api/v1' carries a user name and password, which the Alpharun API does not use: the API key is its only credential, sent in the Authorization header. Pass the address without them, e.g. https://api.example.test/api/v1."
        $run.Output + $run.Error | Should -Not -Match 's3cret'
    }

    It 'is refused from $env:ALPHARUN_BASE_URI without showing the password' {
        $child = Join-Path $script:folder 'env.ps1'
        Set-Content -LiteralPath $child -Value @(
            'param([string] $File)'
            'Import-Module Alpharun -ErrorAction Stop'
            'try { Send-AlpharunRecording -LiteralPath $File -Teammate ana@acme.com -Contact bob@client.com } catch { "id=$($_.FullyQualifiedErrorId)"; "message=$($_.Exception.Message)" }'
        )

        $run = Invoke-PwshFile -Path $child -ArgumentList $script:file -Environment @{ ALPHARUN_BASE_URI = $script:address; ALPHARUN_API_KEY = 'sk_test_key_01234567' }

        $run.Lines | Should -Contain 'id=InvalidBaseUri,Alpharun.Commands.SendAlpharunRecordingCommand'
        $run.Lines | Should -Contain "message=The base URI 'https://***@api.example.test/api/v1' carries a user name and password, which the Alpharun API does not use: the API key is its only credential, sent in the Authorization header. Pass the address without them, e.g. https://api.example.test/api/v1."
        $run.Output + $run.Error | Should -Not -Match 's3cret'
    }
}

Describe 'Connect-Alpharun with a SecretManagement vault' {
    BeforeEach {
        $script:folder = New-TestFolder
    }

    AfterEach {
        Stop-AlpharunSandbox
        Disconnect-Alpharun
        Remove-Item -Path function:Get-Secret -ErrorAction Ignore
        Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
    }

    Context 'Get-Secret is there' {
        BeforeEach {
            # Stands in for Microsoft.PowerShell.SecretManagement's Get-Secret, which is not installable here.
            function global:Get-Secret {
                [CmdletBinding()] param([string] $Name, [string] $Vault)
                if ($Name -eq 'alpharun' -and $Vault -eq 'corp') { ConvertTo-SecureString 'sbx-key-from-vault' -AsPlainText -Force }
                else { Write-Error "Get-Secret : The secret $Name was not found." }
            }
        }

        It 'connects the session with the key from the vault' {
            $file = New-FakeRecording -Folder $script:folder -Name 'vault.wav'
            $sandbox = Start-AlpharunSandbox -ApiKey (ConvertTo-SecureString 'sbx-key-from-vault' -AsPlainText -Force)
            Disconnect-Alpharun

            Connect-Alpharun -VaultName corp -SecretName alpharun -BaseUri $sandbox.BaseUri -ErrorVariable failures
            $result = Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -ErrorVariable +failures

            $failures | Should -BeNullOrEmpty
            @($result).Count | Should -Be 1
            $result.Status | Should -BeExactly 'Created'
        }

        It 'names a secret the vault does not have in one SecretNotFound error' {
            $all = @(& { try { Connect-Alpharun -VaultName corp -SecretName nope } catch { $_ } } 2>&1)

            $all.Count | Should -Be 1
            $all[0].FullyQualifiedErrorId | Should -BeExactly "SecretNotFound$script:connect"
            $all[0].Exception.Message | Should -MatchExactly "'nope'"
        }
    }

    It 'says to install Microsoft.PowerShell.SecretManagement when there is no Get-Secret' {
        Get-Command Get-Secret -ErrorAction Ignore | Should -BeNullOrEmpty
        $all = @(& { try { Connect-Alpharun -VaultName corp -SecretName alpharun } catch { $_ } } 2>&1)

        $all.Count | Should -Be 1
        $all[0].FullyQualifiedErrorId | Should -BeExactly "SecretManagementMissing$script:connect"
        $all[0].Exception.Message | Should -MatchExactly ([regex]::Escape('Install-Module Microsoft.PowerShell.SecretManagement'))
    }
}
