# Help as users read it: Get-Help in real pwsh, and its examples run as written.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force
    Import-AlpharunUnderTest
}

AfterAll {
    Stop-AlpharunSandbox
}

Describe 'Help examples run as written' {
    It 'uploads every row of the CSV with Send-AlpharunRecording example 5, run from the repository root' {
        $example = (Get-Help Send-AlpharunRecording -Examples).examples.example | Where-Object title -Like '*Example 5:*'
        $example | Should -Not -BeNullOrEmpty
        $null = Start-AlpharunSandbox
        Push-Location (Get-RepoRoot)
        try { $results = & ([scriptblock]::Create($example.code)) }
        finally { Pop-Location }
        $results.FileName | Should -Be @('2024-05-02_ana_bob-renewal.wav', '2024-05-02_ana_carol-demo.wav', '2024-05-03_ana_dave-support.wav')
        $results.Teammate | Should -Be @('ana@acme.com', 'ana@acme.com', 'li@acme.com')
        @(Get-AlpharunSandboxRecording).Count | Should -Be 3
    }
}
