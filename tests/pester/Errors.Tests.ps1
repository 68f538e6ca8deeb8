# Every error id the README lists that no other test produced, provoked through the module as a user would,
# with its id, category and target checked exactly.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force
    Import-AlpharunUnderTest
    $script:folder = New-TestFolder
    function New-FakeRecording([string] $Name, [int] $Length = 2048) { TestKit\New-FakeRecording -Folder $script:folder -Name $Name -Length $Length }
    $script:send = 'Alpharun.Commands.SendAlpharunRecordingCommand'
}

AfterAll {
    Stop-AlpharunSandbox
    Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
}

Describe 'Error ids of Send-AlpharunRecording' {
    BeforeEach {
        $script:sandboxInfo = Start-AlpharunSandbox
        function script:Get-AlpharunSandboxInfo { $script:sandboxInfo }
    }

    It 'RateLimited (LimitsExceeded) for a 429 with -MaxRetries 0, and the batch goes on' {
        $limited = New-FakeRecording 'limited.wav'
        $next = New-FakeRecording 'next.wav'
        Add-AlpharunSandboxFault -StatusCode 429 -RetryAfter 7
        $output = $limited, $next | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 1 -MaxRetries 0 -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeExactly "RateLimited,$script:send"
        $failed[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $failed[0].TargetObject | Should -BeExactly $limited
        @($output).Path | Should -Be @($next)
    }

    It 'RequestRejected (InvalidData) for a 413, and Timeout (OperationTimeout) for a 408 with -MaxRetries 0' {
        $large = New-FakeRecording 'large.wav'
        $late = New-FakeRecording 'late.wav'
        Add-AlpharunSandboxFault -StatusCode 413
        Add-AlpharunSandboxFault -StatusCode 408
        $large, $late | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 1 -MaxRetries 0 -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failed.FullyQualifiedErrorId | Should -Be @("RequestRejected,$script:send", "Timeout,$script:send")
        $failed.CategoryInfo.Category | Should -Be @('InvalidData', 'OperationTimeout')
        $failed.TargetObject | Should -Be @($large, $late)
        $failed[0].Exception.Message | Should -BeLike '*(HTTP 413)*'
        $failed[1].Exception.Message | Should -BeLike '*(HTTP 408)*'
    }

    It 'MissingContact (InvalidArgument) for a CSV row whose contacts cell is an empty JSON array' {
        $file = New-FakeRecording 'no-contact.wav'
        [pscustomobject]@{ path = $file; teammate_email = 'ana@acme.com'; contacts = '[]' } | Send-AlpharunRecording -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeExactly "MissingContact,$script:send"
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failed[0].TargetObject | Should -BeExactly $file
        Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
    }

    It 'ConnectionFailed (ConnectionError) when nothing listens at -BaseUri' {
        $file = New-FakeRecording 'unreachable.wav'
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -BaseUri "http://127.0.0.1:$port/api/v1" -MaxRetries 0 -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeExactly "ConnectionFailed,$script:send"
        $failed[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $failed[0].TargetObject | Should -BeExactly $file
    }

    It 'FileUnreadable (ReadError) for a file another program holds open exclusively, even as root' {
        # .NET takes an exclusive lock for FileShare.None (flock on Unix, a sharing mode on Windows): root is
        # refused like anyone else, unlike with chmod 000.
        $held = New-FakeRecording 'held.wav'
        $after = New-FakeRecording 'after.wav'
        # Last written two days ago: held that long, it is no call still being recorded (that would be InProgress).
        (Get-Item -LiteralPath $held).LastWriteTime = (Get-Date).AddDays(-2)
        $lock = [IO.File]::Open($held, 'Open', 'ReadWrite', 'None')
        try {
            $output = $held, $after | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ErrorVariable failed -ErrorAction SilentlyContinue
        }
        finally {
            $lock.Dispose()
        }
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeExactly "FileUnreadable,$script:send"
        $failed[0].CategoryInfo.Category | Should -Be 'ReadError'
        $failed[0].TargetObject | Should -BeExactly $held
        $failed[0].Exception.Message | Should -BeLike "*cannot be read*another program holds it open*"
        @($output).Path | Should -Be @($after)
        @(Get-AlpharunSandboxRecording).FileName | Should -Be @('after.wav')
    }

    It 'JournalUnavailable (ResourceUnavailable, terminating) when another run holds the journal, and nothing is sent' {
        $file = New-FakeRecording 'journaled.wav'
        $journal = Join-Path $script:folder 'held.journal'
        # What a second run finds: the first one's exclusive lock file beside the journal.
        $otherRun = [IO.File]::Open("$journal.lock", 'OpenOrCreate', 'ReadWrite', 'None')
        try {
            $thrown = { Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -Journal $journal } | Should -Throw -PassThru
        }
        finally {
            $otherRun.Dispose()
        }
        $thrown.FullyQualifiedErrorId | Should -BeExactly "JournalUnavailable,$script:send"
        $thrown.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $thrown.Exception.Message | Should -BeExactly "The journal '$journal' cannot be opened: another run is using it (its lock file '$journal.lock' is held). Wait for that run to end, or give each batch that runs at the same time its own -Journal."
        Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
    }

    It 'InvalidApiKey (InvalidArgument, terminating) for a key with a line break, which no header can carry: once, not UploadFailed per file' {
        # It used to be one UploadFailed per file ("New-line or NUL characters are not allowed in header values").
        $files = (New-FakeRecording 'odd-key-1.wav'), (New-FakeRecording 'odd-key-2.wav')
        $key = ConvertTo-SecureString "sk_line`nbreak" -AsPlainText -Force
        $all = @(& { try { $files | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ApiKey $key -MaxRetries 0 } catch { $_ } } 2>&1)
        $all.Count | Should -Be 1
        $all[0].FullyQualifiedErrorId | Should -BeExactly "InvalidApiKey,$script:send"
        $all[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $all[0].TargetObject | Should -BeNullOrEmpty
        $all[0].Exception.Message | Should -BeExactly 'The key given with -ApiKey holds a line break, which cannot be sent in the Authorization header: it spans more than one line. Pass the key alone, on one line.'
        Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
    }

    It 'ConnectionFailed says "Connection refused" once and ends each sentence' {
        $file = New-FakeRecording 'refused.wav'
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -BaseUri "http://127.0.0.1:$port/api/v1" -MaxRetries 0 -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failed[0].Exception.Message | Should -BeExactly "The upload of '$file' to http://127.0.0.1:$port/api/v1 failed: Connection refused (127.0.0.1:$port). Check the address and the network, then send it again; a repeat upload is safe."
    }

    It 'NotAlpharunApi (InvalidArgument, terminating) for a -BaseUri whose upload path answers 404: one error for the batch, nothing recorded' {
        # The sandbox's address without /api/v1, as users mistype it: the sandbox answers 404 there, as a wrong address does.
        $sandbox = Get-AlpharunSandboxInfo
        $files = (New-FakeRecording 'wrong-1.wav'), (New-FakeRecording 'wrong-2.wav'), (New-FakeRecording 'wrong-3.wav')
        $root = "http://127.0.0.1:$($sandbox.Port)"
        $all = @(& { try { $files | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -BaseUri $root -ThrottleLimit 1 } catch { $_ } } 2>&1)
        $all.Count | Should -Be 1
        $all[0].FullyQualifiedErrorId | Should -BeExactly "NotAlpharunApi,$script:send"
        $all[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $all[0].TargetObject | Should -BeExactly $files[0]
        $all[0].Exception.Message | Should -BeLike "The address does not serve the Alpharun upload API: POST $root/recordings/upload answered HTTP 404 (not found) to '$($files[0])'.*Check -BaseUri*the API's address is https://api.alpharun.com/api/v1, path included*The batch stopped; 0 uploads*"
        Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
    }

    It 'TlsHandshakeFailed (ConnectionError, terminating) for https:// to a plain-http port: the server did not speak TLS' {
        $sandbox = Get-AlpharunSandboxInfo
        $files = (New-FakeRecording 'tls-1.wav'), (New-FakeRecording 'tls-2.wav')
        $all = @(& { try { $files | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -BaseUri "https://127.0.0.1:$($sandbox.Port)/api/v1" -ThrottleLimit 1 } catch { $_ } } 2>&1)
        $all.Count | Should -Be 1
        $all[0].FullyQualifiedErrorId | Should -BeExactly "TlsHandshakeFailed,$script:send"
        $all[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $all[0].Exception.Message | Should -BeLike "The TLS handshake with 127.0.0.1 failed before its certificate was checked, so '$($files[0])' was not sent: *The server at 127.0.0.1:$($sandbox.Port) did not speak TLS*"
        $all[0].Exception.Message | Should -Not -BeLike '*certificate*was rejected*'
    }

    It 'Forbidden (PermissionDenied) for a 403 whose message does not blame the key, and the batch goes on' {
        $refused = New-FakeRecording 'refused.wav'
        $next = New-FakeRecording 'after-403.wav'
        Add-AlpharunSandboxFault -StatusCode 403
        $output = $refused, $next | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 1 -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeExactly "Forbidden,$script:send"
        $failed[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failed[0].TargetObject | Should -BeExactly $refused
        @($output).Count | Should -Be 1
        $output.Path | Should -BeExactly $next
        $output.Status | Should -BeExactly 'Created'
    }

    It 'InvalidFileName (InvalidArgument) for a path the system refuses (a NUL in a folder name), and the batch goes on' {
        # .NET refuses a NUL anywhere in a path, as .NET Framework refuses " < > | and control characters (issue 19, item 9).
        $bad = Join-Path $script:folder "a`0b/call.wav"
        $next = New-FakeRecording 'after-bad-path.wav'
        $output = Send-AlpharunRecording -LiteralPath $bad, $next -Teammate ana@acme.com -Contact bob@client.com -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeExactly "InvalidFileName,$script:send"
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failed[0].TargetObject | Should -BeExactly $bad
        $failed[0].Exception.Message | Should -BeExactly "The path '$($bad.Replace("`0", '?'))' holds a control character (U+0000), which this system does not accept in a path. Correct the path where it came from (a CSV cell, a script), or rename the file or folder."
        @($output).Count | Should -Be 1
        $output.Path | Should -BeExactly $next
        $output.Status | Should -BeExactly 'Created'
    }
}

Describe 'Error ids of the sandbox cmdlets' {
    It 'SandboxStartFailed (ResourceUnavailable) when -Port is taken by another program' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $port = $listener.LocalEndpoint.Port
            $thrown = { Start-AlpharunSandbox -Port $port } | Should -Throw -PassThru
        }
        finally {
            $listener.Stop()
        }
        $thrown.FullyQualifiedErrorId | Should -BeExactly 'SandboxStartFailed,Alpharun.Commands.StartAlpharunSandboxCommand'
        $thrown.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $thrown.TargetObject | Should -Be $port
        $thrown.Exception.Message | Should -BeLike "The sandbox could not listen on 127.0.0.1:$port*Pick another -Port*"
    }

    It 'SandboxNotRunning (ResourceUnavailable) for a fault with no sandbox started' {
        Stop-AlpharunSandbox
        $thrown = { Add-AlpharunSandboxFault -StatusCode 503 } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeExactly 'SandboxNotRunning,Alpharun.Commands.AddAlpharunSandboxFaultCommand'
        $thrown.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
    }

    It 'InvalidSandboxFault (InvalidArgument) for a Retry-After that cannot be sent verbatim, and nothing is queued' {
        Start-AlpharunSandbox | Out-Null
        $thrown = { Add-AlpharunSandboxFault -StatusCode 429 -RetryAfter ' 5' } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeExactly 'InvalidSandboxFault,Alpharun.Commands.AddAlpharunSandboxFaultCommand'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $thrown.Exception.Message | Should -BeLike '*Retry-After is sent verbatim*'
        # The next upload meets no fault.
        (Send-AlpharunRecording -LiteralPath (New-FakeRecording 'unfaulted.wav') -Teammate ana@acme.com -Contact bob@client.com -MaxRetries 0).Status | Should -Be 'Created'
    }
}

Describe 'Error ids of Connect-Alpharun' {
    AfterEach {
        Remove-Item -Path Function:\Get-Secret -ErrorAction Ignore
    }

    # A stand-in for Microsoft.PowerShell.SecretManagement's Get-Secret, which is not installable here.
    It 'SecretNotUsable (InvalidData) for a secret that is <Case>' -ForEach @(
        @{ Case = 'empty'; Value = '' }
        @{ Case = 'not text'; Value = 42 }
    ) {
        $script:secretValue = $Value
        function global:Get-Secret { param([string] $Name, [string] $Vault) $script:secretValue }
        $thrown = { Connect-Alpharun -VaultName corp -SecretName alpharun } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeExactly 'SecretNotUsable,Alpharun.Commands.ConnectAlpharunCommand'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidData'
        $thrown.TargetObject | Should -BeExactly 'alpharun'
        $thrown.Exception.Message | Should -BeLike "The secret 'alpharun' in vault 'corp' is empty or not text.*"
    }
}
