# New runspaces (ForEach-Object -Parallel, Start-ThreadJob) start without the session's connection; users hand it in with $using:.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force
    Import-AlpharunUnderTest
    $script:folder = New-TestFolder
    $script:manifest = Join-Path (Get-BuiltModuleRoot) 'Alpharun/Alpharun.psd1'
    # Every runspace reads the environment: the unconnected-runspace test needs it empty.
    $script:savedApiKey = $env:ALPHARUN_API_KEY
    $env:ALPHARUN_API_KEY = $null
}

AfterAll {
    $env:ALPHARUN_API_KEY = $script:savedApiKey
    Stop-AlpharunSandbox
    Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
}

# ForEach-Object -Parallel and Start-ThreadJob are PowerShell 7: skipped in Windows PowerShell 5.1.
Describe 'Connections in other runspaces' -Skip:($PSVersionTable.PSEdition -eq 'Desktop') {
    BeforeEach {
        $script:sandbox = Start-AlpharunSandbox
    }

    It 'uploads from ForEach-Object -Parallel with the sandbox handed in by $using:' {
        $files = 1..4 | ForEach-Object { New-FakeRecording -Folder $script:folder -Name "parallel-$_.wav" }
        $manifest = $script:manifest
        $sandbox = $script:sandbox
        $results = $files | ForEach-Object -ThrottleLimit 2 -Parallel {
            Import-Module $using:manifest
            $using:sandbox | Connect-Alpharun
            Send-AlpharunRecording -LiteralPath $_ -Teammate ana@acme.com -Contact bob@client.com
        }
        @($results).Count | Should -Be 4
        @($results.Status | Select-Object -Unique) | Should -Be @('Created')
        @(Get-AlpharunSandboxRecording).Count | Should -Be 4
    }

    It 'uploads from Start-ThreadJob with the connection from Connect-Alpharun -PassThru' {
        $key = ConvertTo-SecureString 'thread-job-key-0123456789' -AsPlainText -Force
        Stop-AlpharunSandbox
        $sandbox = Start-AlpharunSandbox -ApiKey $key
        $connection = Connect-Alpharun -ApiKey $key -BaseUri $sandbox.BaseUri -PassThru
        $connection.BaseUri | Should -Be $sandbox.BaseUri
        "$($connection.ApiKey)" | Should -Be '***'
        $file = New-FakeRecording -Folder $script:folder -Name 'thread-job.wav'
        $manifest = $script:manifest
        $result = Start-ThreadJob {
            Import-Module $using:manifest
            Connect-Alpharun -Connection $using:connection
            Send-AlpharunRecording -LiteralPath $using:file -Teammate ana@acme.com -Contact bob@client.com
        } | Receive-Job -Wait -AutoRemoveJob
        $result.Status | Should -Be 'Created'
        (Get-AlpharunSandboxRecording).FileName | Should -Be 'thread-job.wav'
    }

    It 'refuses a connection copied into Start-Job with an error that says what to do, and never serializes the key' {
        # Start-Job runs another process: what $using: hands it is serialized (CLIXML), and the key is never part of that.
        $key = 'sbx-start-job-key-0123456789'
        Stop-AlpharunSandbox
        $sandbox = Start-AlpharunSandbox -ApiKey (ConvertTo-SecureString $key -AsPlainText -Force)
        $connection = Connect-Alpharun -ApiKey (ConvertTo-SecureString $key -AsPlainText -Force) -BaseUri $sandbox.BaseUri -PassThru
        $manifest = $script:manifest

        $seen = Start-Job {
            Import-Module $using:manifest
            $using:connection | Connect-Alpharun 2>&1 | ForEach-Object { 'piped connection: {0} | {1}' -f $_.FullyQualifiedErrorId, $_.Exception.Message }
            try { Connect-Alpharun -Connection $using:connection } catch { 'argument: {0} | {1}' -f $_.FullyQualifiedErrorId, $_.Exception.Message }
            $using:sandbox | Connect-Alpharun 2>&1 | ForEach-Object { 'piped sandbox: {0} | {1}' -f $_.FullyQualifiedErrorId, $_.Exception.Message }
        } | Receive-Job -Wait -AutoRemoveJob

        $says = "Cannot process argument transformation on parameter 'Connection'. This is a copy of the connection to $($sandbox.BaseUri) made in another process (by Start-Job, Invoke-Command or Import-Clixml), without its API key: " +
            'the key never leaves the process that holds it. Use Start-ThreadJob or ForEach-Object -Parallel, which run in this process, with $using:connection | Connect-Alpharun; ' +
            'or connect inside the job with a key it reads itself: Connect-Alpharun -VaultName <vault> -SecretName <name>, or $env:ALPHARUN_API_KEY and $env:ALPHARUN_BASE_URI set before Start-Job (a job inherits them).'
        $seen | Should -BeExactly @(
            "piped connection: ParameterArgumentTransformationError,Alpharun.Commands.ConnectAlpharunCommand | $says"
            "argument: ParameterArgumentTransformationError,Alpharun.Commands.ConnectAlpharunCommand | $says"
            "piped sandbox: ParameterArgumentTransformationError,Alpharun.Commands.ConnectAlpharunCommand | $says"
        )
        # What the job got, and what Export-Clixml writes: no key, in clear or in the UTF-16 hex or base64 a SecureString becomes.
        $utf16 = [Text.Encoding]::Unicode.GetBytes($key)
        $forms = $key, [Convert]::ToHexString($utf16), [Convert]::ToBase64String($utf16), [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($key))
        foreach ($object in $connection, $sandbox) {
            $xml = [Management.Automation.PSSerializer]::Serialize($object, 10)
            foreach ($form in $forms) { $xml | Should -Not -Match ([regex]::Escape($form)) -Because 'the key must not be serialized' }
        }
        Disconnect-Alpharun
    }

    It 'uploads from Start-Job with the key and address the job inherits from the environment, as the copy error advises' {
        $key = 'sbx-start-job-env-0123456789'
        Stop-AlpharunSandbox
        $sandbox = Start-AlpharunSandbox -ApiKey (ConvertTo-SecureString $key -AsPlainText -Force)
        $file = New-FakeRecording -Folder $script:folder -Name 'start-job.wav'
        $manifest = $script:manifest
        $savedBaseUri = $env:ALPHARUN_BASE_URI
        $env:ALPHARUN_API_KEY = $key
        $env:ALPHARUN_BASE_URI = $sandbox.BaseUri.AbsoluteUri
        try {
            $result = Start-Job {
                Import-Module $using:manifest
                Send-AlpharunRecording -LiteralPath $using:file -Teammate ana@acme.com -Contact bob@client.com | ForEach-Object { "$($_.Status) $($_.FileName)" }
            } | Receive-Job -Wait -AutoRemoveJob
        }
        finally {
            $env:ALPHARUN_API_KEY = $null
            $env:ALPHARUN_BASE_URI = $savedBaseUri
        }

        $result | Should -BeExactly 'Created start-job.wav'
        (Get-AlpharunSandboxRecording).FileName | Should -BeExactly 'start-job.wav'
    }

    It 'tells a parallel runspace without a connection how to hand one in' {
        $file = New-FakeRecording -Folder $script:folder -Name 'unconnected.wav'
        $manifest = $script:manifest
        $failure = 1 | ForEach-Object -Parallel {
            Import-Module $using:manifest
            try { Send-AlpharunRecording -LiteralPath $using:file -Teammate ana@acme.com -Contact bob@client.com } catch { $_ }
        }
        $failure.FullyQualifiedErrorId | Should -Be 'ApiKeyMissing,Alpharun.Commands.SendAlpharunRecordingCommand'
        $failure.Exception.Message | Should -BeLike '*This runspace has no Alpharun connection*$using:connection | Connect-Alpharun*'
        $failure.Exception.Message | Should -Not -BeLike '*try the module with Start-AlpharunSandbox*'
        @(Get-AlpharunSandboxRecording).Count | Should -Be 0
    }
}
