# The quick starts as a user runs them with 'pwsh -File': examples/Quickstart.ps1 and the README's prompt quick start.
# A redirected pwsh prints at 80 columns whatever COLUMNS says, so these are the 80-column tables.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force
    $script:root = Get-RepoRoot
    $script:names = @(Get-ChildItem -Path (Join-Path $script:root 'examples/recordings') -Filter *.wav | ForEach-Object Name | Sort-Object)
    $script:guid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
}

Describe 'examples/Quickstart.ps1 with pwsh -File' {
    BeforeAll {
        $script:run = Invoke-PwshFile -Path (Join-Path $script:root 'examples/Quickstart.ps1') -Columns 80
        $script:lines = @($script:run.Lines | ForEach-Object TrimEnd | Where-Object { $_ })
    }

    It 'exits 0 with no error output' {
        $script:run.Error | Should -BeNullOrEmpty
        $script:run.ExitCode | Should -Be 0
    }

    It 'prints the first heading, the Created table, the second heading, then the AlreadyExisted table' {
        $script:names.Count | Should -BeGreaterOrEqual 3
        # A name longer than 80 columns leave after the status and the id is cut at its end with '…' (PowerShell 7,
        # 26 characters of it left) or '...' (Windows PowerShell 5.1, 24 left): its first 24 characters show either way.
        $rows = $script:names | ForEach-Object { "^(Created|AlreadyExisted) +$script:guid $([regex]::Escape($_.Substring(0, [Math]::Min($_.Length, 24))))" }
        $expected = @('^Sandbox Alpharun API listening at http://127\.0\.0\.1:\d+/api/v1$', '^First run \(new recordings\)$', '^Status +RecordingId +FileName$', '^-+ +-+ +-+$') +
            ($rows | ForEach-Object { $_ -replace '\(Created\|AlreadyExisted\)', 'Created' }) +
            @('^Second run \(same files again\)$', '^Status +RecordingId +FileName$', '^-+ +-+ +-+$') +
            ($rows | ForEach-Object { $_ -replace '\(Created\|AlreadyExisted\)', 'AlreadyExisted' })
        $script:lines.Count | Should -Be $expected.Count
        for ($i = 0; $i -lt $expected.Count; $i++) { $script:lines[$i] | Should -Match $expected[$i] }
    }

    It 'shows the same ids in the second table as in the first' {
        $ids = @($script:lines | Select-String -Pattern $script:guid -AllMatches | ForEach-Object { $_.Matches.Value })
        $ids.Count | Should -Be (2 * $script:names.Count)
        $ids | Select-Object -Skip $script:names.Count | Should -Be ($ids | Select-Object -First $script:names.Count)
    }
}

Describe 'The README prompt quick start saved as a script, with pwsh -File' {
    BeforeAll {
        # The first powershell block under '## Quick start at a PowerShell prompt', as the README shows it.
        $readme = Get-Content -Raw -LiteralPath (Join-Path $script:root 'README.md')
        $script:block = [regex]::Match($readme, '(?s)## Quick start at a PowerShell prompt\s*```powershell\r?\n(.*?)```').Groups[1].Value
        $script:folder = New-TestFolder
        $script:script = Join-Path $script:folder 'prompt-quickstart.ps1'
        Set-Content -LiteralPath $script:script -Value $script:block
        $script:run = Invoke-PwshFile -Path $script:script -WorkingDirectory $script:root -Columns 80
        $script:lines = @($script:run.Lines | ForEach-Object TrimEnd | Where-Object { $_ })
    }

    AfterAll {
        Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
    }

    It 'is the five commands of the quick start' {
        $script:block | Should -Match 'Start-AlpharunSandbox'
        $script:block | Should -Match 'Get-ChildItem ./examples/recordings/\*\.wav \| Send-AlpharunRecording -Teammate ana@acme\.com -Contact bob@client\.com'
        $script:block | Should -Match 'Get-AlpharunSandboxRecording'
        $script:run.Error | Should -BeNullOrEmpty
        $script:run.ExitCode | Should -Be 0
    }

    It 'prints the sandbox on one line, then a table of the uploads, then what the sandbox received, with no blank rows' {
        $expected = @('^Sandbox Alpharun API at http://127\.0\.0\.1:\d+/api/v1 \(started \d\d:\d\d:\d\d\)$',
            '^Status +RecordingId +FileName$', '^-+ +-+ +-+$') + ($script:names | ForEach-Object { "^Created $script:guid $([regex]::Escape($_))$" })
        for ($i = 0; $i -lt $expected.Count; $i++) { $script:lines[$i] | Should -Match $expected[$i] }
        # A second type in one script's output is shown the way PowerShell shows it: each object as a list.
        $received = @($script:lines | Select-Object -Skip $expected.Count)
        @($received | Where-Object { $_ -match '^RecordingId +: ' }).Count | Should -Be $script:names.Count
        foreach ($name in $script:names) {
            $received | Should -Contain "FileName         : $name"
        }
        @($received | Where-Object { $_ -match '^Size +: 4044$' }).Count | Should -Be $script:names.Count
        ($script:run.Lines | Where-Object { $_ -match '^\s+$' }) | Should -BeNullOrEmpty -Because 'rows of a table with no columns print as spaces'
    }
}
