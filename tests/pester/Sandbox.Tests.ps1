# The sandbox tells recordings apart as the API does: by their audio, teammate and recorded_at.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force
    Import-AlpharunUnderTest
    $script:folder = New-TestFolder
}

AfterAll {
    Stop-AlpharunSandbox
    Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
}

Describe 'Recordings told apart by their audio' {
    BeforeEach {
        $null = Start-AlpharunSandbox
    }

    It 'creates two recordings for two files of the same size, teammate and recorded_at' {
        # Same-length names and sizes: the test kit once made these the same bytes, and the API rightly saw one recording.
        $files = (New-FakeRecording -Folder $script:folder -Name 'x.wav'), (New-FakeRecording -Folder $script:folder -Name 'y.wav')
        $results = $files | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-03-01T10:00:00Z'
        $results.Status | Should -BeExactly @('Created', 'Created')
        $results[0].RecordingId | Should -Not -Be $results[1].RecordingId
    }

    It 'answers AlreadyExisted for a copy of the same audio under another name' {
        $original = New-FakeRecording -Folder $script:folder -Name 'original.wav'
        $copy = Join-Path $script:folder 'copy.wav'
        Copy-Item -LiteralPath $original -Destination $copy
        $results = $original, $copy | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-03-01T10:00:00Z' -ThrottleLimit 1
        $results.Status | Should -BeExactly @('Created', 'AlreadyExisted')
        $results[1].RecordingId | Should -Be $results[0].RecordingId
    }
}
