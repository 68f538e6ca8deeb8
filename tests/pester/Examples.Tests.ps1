# Each script in examples/ runs as an admin starts it, 'pwsh -File examples/X.ps1 ...', against a sandbox whose key and
# address the child pwsh finds in $env:ALPHARUN_API_KEY and $env:ALPHARUN_BASE_URI.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force
    Import-AlpharunUnderTest
    $script:examples = Join-Path (Get-RepoRoot) 'examples'
    $script:apiKey = 'sbx-examples-0123456789'

    function Invoke-Example([string] $Name, [string[]] $ArgumentList) {
        Invoke-PwshFile -Path (Join-Path $script:examples $Name) -ArgumentList $ArgumentList -WorkingDirectory $script:folder
    }

    # The rows of the uploads table the script printed (Status, RecordingId, FileName), in output order.
    function Get-UploadRow($Run) {
        foreach ($line in $Run.Lines) {
            if ($line -match '^(?<status>Created|AlreadyExisted|Skipped)\s+[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\s+(?<file>\S+)\s*$') {
                [pscustomobject]@{ FileName = $Matches.file; Status = $Matches.status }
            }
        }
    }

    function Get-ReceivedFileName { @(Get-AlpharunSandboxRecording).FileName | Sort-Object }
}

AfterAll {
    Stop-AlpharunSandbox
}

Describe 'The example scripts' {
    BeforeEach {
        $script:savedApiKey = $env:ALPHARUN_API_KEY
        $script:savedBaseUri = $env:ALPHARUN_BASE_URI
        $sandbox = Start-AlpharunSandbox -ApiKey (ConvertTo-SecureString $script:apiKey -AsPlainText -Force)
        $env:ALPHARUN_API_KEY = $script:apiKey
        $env:ALPHARUN_BASE_URI = $sandbox.BaseUri.AbsoluteUri
        $script:folder = New-TestFolder
    }

    AfterEach {
        Stop-AlpharunSandbox
        $env:ALPHARUN_API_KEY = $script:savedApiKey
        $env:ALPHARUN_BASE_URI = $script:savedBaseUri
        Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
    }

    It 'UploadFolder.ps1 sends only the audio files of the folder and every subfolder' {
        foreach ($name in 'a.wav', '2024/05/b.mp3', '2024/c.FLAC', '2024/d.aiff', 'e.AMR', '2024/notes.txt', 'export.csv') {
            $null = New-FakeRecording -Folder $script:folder -Name $name
        }

        $run = Invoke-Example 'UploadFolder.ps1' '-Folder', $script:folder, '-Teammate', 'ana@acme.com', '-Contact', 'bob@client.com'

        $run.Error | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        @(Get-UploadRow $run).Count | Should -Be 5
        Get-ReceivedFileName | Should -BeExactly @('a.wav', 'b.mp3', 'c.FLAC', 'd.aiff', 'e.AMR')
    }

    It 'UploadFromCsv.ps1 sends every row with its own teammate, contacts and recorded_at' {
        $run = Invoke-Example 'UploadFromCsv.ps1' '-CsvPath', (Join-Path $script:examples 'recordings/batch.csv')

        $run.Error | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        $rows = @(Get-UploadRow $run)
        $rows.FileName | Should -BeExactly @('2024-05-02_ana_bob-renewal.wav', '2024-05-02_ana_carol-demo.wav', '2024-05-03_ana_dave-support.wav')
        $rows.Status | Should -BeExactly @('Created', 'Created', 'Created')
        # What the API received for each file, in the output's order.
        $received = @(Get-AlpharunSandboxRecording)
        $byRow = foreach ($row in $rows) { $received | Where-Object FileName -EQ $row.FileName }
        $byRow.Teammate | Should -BeExactly @('ana@acme.com', 'ana@acme.com', 'li@acme.com')
        $byRow.ContactsJson | Should -BeExactly @(
            '[{"email":"bob@client.com"}]'
            '[{"email":"carol@client.com"},{"phone_number":"+1 555 010 2233"}]'
            '[{"email":"dave@client.com","first_name":"Dave"}]'
        )
        $byRow[2].RecordedAt | Should -BeExactly '2024-05-03T16:05:00-05:00'
    }

    It '<Script> filters on exactly the extensions the module knows an audio type for' -ForEach @(
        @{ Script = 'UploadFolder.ps1' }
        @{ Script = 'NightlyUpload.ps1' }
    ) {
        $line = @(Get-Content -LiteralPath (Join-Path $script:examples $Script) | Where-Object { $_ -like '$audio = *' })
        $line.Count | Should -Be 1
        $listed = Invoke-Expression $line[0].Substring('$audio = '.Length)
        $assembly = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Alpharun.Client' } | Select-Object -First 1
        $known = $assembly.GetType('Alpharun.AudioMediaTypes')::KnownExtensions
        @($listed | Sort-Object) | Should -BeExactly @($known | Sort-Object)
    }

    # NightlyUpload.ps1 has its own file, NightlyJob.Tests.ps1: every way a night can end, as a scheduler runs it.

    It 'RetryFailures.ps1 sends each file an earlier run failed on once and shows the uploads in the order listed' {
        $a = New-FakeRecording -Folder $script:folder -Name 'a.wav'
        $b = New-FakeRecording -Folder $script:folder -Name 'b.wav'
        $failureLog = Join-Path $script:folder 'failures.csv'
        Set-Content -LiteralPath $failureLog -Value '"Path","ErrorId","Message"', """$a"",""ServerError"",""x""", """$b"",""ServerError"",""y""", """$a"",""ServerError"",""again"""

        $run = Invoke-Example 'RetryFailures.ps1' '-FailureLog', $failureLog, '-Teammate', 'ana@acme.com', '-Contact', 'bob@client.com'

        $run.Error | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        $rows = @(Get-UploadRow $run)
        $rows.FileName | Should -BeExactly @('a.wav', 'b.wav')
        $rows.Status | Should -BeExactly @('Created', 'Created')
        Get-ReceivedFileName | Should -BeExactly @('a.wav', 'b.wav')
    }
}
