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
