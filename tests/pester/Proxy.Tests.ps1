# The environment's proxy, in a real child pwsh: .NET reads HTTP_PROXY once per process (HttpClient.DefaultProxy),
# so only a process started with it set shows what users get. The "proxy" is a listener that never answers: the
# kernel queues each connection and the bytes the client sent, and the test reads them afterwards.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force
    Import-AlpharunUnderTest
    $script:folder = New-TestFolder
    $script:key = 'sk_live_PROXYCANARY_0123qrst4567uvwxXYZ'
    $script:sandbox = Start-AlpharunSandbox -ApiKey (ConvertTo-SecureString $script:key -AsPlainText -Force)
    $script:file = New-FakeRecording -Folder $script:folder -Name 'proxied.wav'
    $script:child = Join-Path $script:folder 'send.ps1'
    Set-Content -LiteralPath $script:child -Value @'
param($File, $BaseUri, [switch] $Unencrypted, [switch] $DefaultCredentials)
Import-Module Alpharun
try {
    $r = Send-AlpharunRecording -LiteralPath $File -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z' -BaseUri $BaseUri -AllowUnencryptedAuthentication:$Unencrypted -ProxyUseDefaultCredentials:$DefaultCredentials -TimeoutSec 2 -MaxRetries 0 -ErrorAction Stop
    "status=$($r.Status)"
} catch { "error=$($_.FullyQualifiedErrorId)"; "message=$($_.Exception.Message)" }
'@

    function script:Start-SilentProxy {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $listener
    }

    # Every connection the proxy was sent, and what came on it.
    function script:Read-SilentProxy([Net.Sockets.TcpListener] $Listener) {
        $seen = [Collections.Generic.List[string]]::new()
        while ($Listener.Pending()) {
            $client = $Listener.AcceptTcpClient()
            $stream = $client.GetStream()
            $stream.ReadTimeout = 2000
            $bytes = [IO.MemoryStream]::new()
            $buffer = [byte[]]::new(65536)
            try { while (($n = $stream.Read($buffer, 0, $buffer.Length)) -gt 0) { $bytes.Write($buffer, 0, $n) } } catch [IO.IOException] { }
            $seen.Add([Text.Encoding]::GetEncoding(28591).GetString($bytes.ToArray())) # Latin-1, also on .NET Framework
            $client.Dispose()
        }
        $Listener.Stop()
        , $seen.ToArray()
    }

    # A proxy that answers every request with 407 (NTLM, Negotiate, Basic offered), served on a thread job while the
    # child runs; it records each request's head.
    function script:Start-DemandingProxy {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $job = Start-ThreadJob -ArgumentList $listener {
            param($listener)
            $heads = [Collections.Generic.List[string]]::new()
            try {
                while ($true) {
                    $client = $listener.AcceptTcpClient()
                    $stream = $client.GetStream()
                    $reader = [IO.StreamReader]::new($stream, [Text.Encoding]::ASCII)
                    $head = [Text.StringBuilder]::new()
                    while (($line = $reader.ReadLine()) -and $line.Length -gt 0) { $null = $head.AppendLine($line) }
                    $heads.Add($head.ToString())
                    $answer = "HTTP/1.1 407 Proxy Authentication Required`r`nProxy-Authenticate: NTLM`r`nProxy-Authenticate: Negotiate`r`nProxy-Authenticate: Basic realm=`"corp`"`r`nContent-Length: 0`r`nConnection: close`r`n`r`n"
                    $bytes = [Text.Encoding]::ASCII.GetBytes($answer)
                    $stream.Write($bytes, 0, $bytes.Length)
                    $client.Client.Shutdown([Net.Sockets.SocketShutdown]::Send)
                    $client.Dispose()
                }
            }
            catch { }
            , $heads.ToArray()
        }
        [pscustomobject]@{ Listener = $listener; Job = $job; Address = "http://127.0.0.1:$($listener.LocalEndpoint.Port)/" }
    }

    function script:Stop-DemandingProxy($Proxy) {
        $Proxy.Listener.Stop()
        $heads = $Proxy.Job | Wait-Job -Timeout 30 | Receive-Job
        $Proxy.Job | Remove-Job -Force
        , @($heads)
    }

    function script:Send-InChild([Net.Sockets.TcpListener] $Proxy, [string[]] $Arguments) {
        $address = "http://127.0.0.1:$($Proxy.LocalEndpoint.Port)"
        # Both spellings (Linux tools differ): a case-sensitive table, since @{} would fold them into one.
        $environment = [hashtable]::new([StringComparer]::Ordinal)
        foreach ($name in 'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy') { $environment[$name] = $address }
        foreach ($name in 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy', 'ALPHARUN_BASE_URI') { $environment[$name] = $null }
        $environment['ALPHARUN_API_KEY'] = $script:key
        Invoke-PwshFile -Path $script:child -ArgumentList $Arguments -Environment $environment
    }
}

AfterAll {
    Stop-AlpharunSandbox
    Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
}

Describe 'The environment proxy' {
    It 'never carries an upload to a loopback address: the key does not reach the proxy' {
        $proxy = Start-SilentProxy
        $run = Send-InChild $proxy @('-File', $script:file, '-BaseUri', $script:sandbox.BaseUri.AbsoluteUri)
        $seen = Read-SilentProxy $proxy

        $run.Lines | Should -Contain 'status=Created'
        $seen.Count | Should -Be 0
        ($seen -join "`n") | Should -Not -Match ([regex]::Escape($script:key.Substring(8, 8)))
        @(Get-AlpharunSandboxRecording).Count | Should -Be 1
    }

    It 'is honoured for any other address' {
        $proxy = Start-SilentProxy
        $run = Send-InChild $proxy @('-File', $script:file, '-BaseUri', 'http://api.alpharun.test/api/v1', '-Unencrypted')
        $seen = Read-SilentProxy $proxy

        $run.Lines | Should -Contain 'error=Timeout,Alpharun.Commands.SendAlpharunRecordingCommand'
        $seen.Count | Should -Be 1
        $seen[0] | Should -BeLike 'POST http://api.alpharun.test/api/v1/recordings/upload HTTP/1.1*'
    }

    It 'that asks for credentials is named in one ProxyAuthenticationRequired error that says what to pass' {
        $proxy = Start-DemandingProxy
        try { $run = Send-InChild $proxy.Listener @('-File', $script:file, '-BaseUri', 'http://api.alpharun.test/api/v1', '-Unencrypted') }
        finally { $heads = Stop-DemandingProxy $proxy }

        $address = $proxy.Address
        $run.Lines | Should -Contain 'error=ProxyAuthenticationRequired,Alpharun.Commands.SendAlpharunRecordingCommand'
        ($run.Lines | Where-Object { $_ -like 'message=*' }) | Should -BeLike "message=The proxy $address (the system proxy) asked for credentials (HTTP 407), so '$($script:file)' did not reach the Alpharun API. Pass -ProxyUseDefaultCredentials to send the signed-in user's credentials*"
        $heads.Count | Should -Be 1
        $heads[0] | Should -BeLike 'POST http://api.alpharun.test/api/v1/recordings/upload HTTP/1.1*'
    }

    It 'accepts -ProxyUseDefaultCredentials alone for the system proxy, and its 407 then says the signed-in user''s credentials were refused' {
        # Linux has no Windows sign-in to send: the proxy refuses again, and the message names what was tried.
        $proxy = Start-DemandingProxy
        try { $run = Send-InChild $proxy.Listener @('-File', $script:file, '-BaseUri', 'http://api.alpharun.test/api/v1', '-Unencrypted', '-DefaultCredentials') }
        finally { $null = Stop-DemandingProxy $proxy }

        $run.Lines | Should -Contain 'error=ProxyAuthenticationRequired,Alpharun.Commands.SendAlpharunRecordingCommand'
        ($run.Lines | Where-Object { $_ -like 'message=*' }) | Should -BeLike "message=The proxy http://127.0.0.1:*/ (the system proxy) asked for credentials (HTTP 407)*It refused the signed-in user's credentials (-ProxyUseDefaultCredentials)*"
    }
}
