# The resume journal as a nightly job meets it: a rerun reads nothing it has sent, a touched file is skipped, a
# changed one is sent, and a journal that cannot be opened or written says why and loses no accepted upload.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force
    Import-AlpharunUnderTest
    $script:send = 'Alpharun.Commands.SendAlpharunRecordingCommand'
    $script:isRoot = $IsLinux -and (& id -u) -eq '0'
    # File systems mounted by a test, unmounted after it whatever happened.
    $script:mounts = [Collections.Generic.List[string]]::new()

    function Mount-TestFileSystem([string] $Path, [string] $Options) {
        & mount -t tmpfs -o $Options tmpfs $Path
        if ($LASTEXITCODE -ne 0) { throw "mount -o $Options failed" }
        $script:mounts.Add($Path)
    }

    # Same size, other bytes (a PDF's signature, then zeros), the last write time kept: a file the module would refuse
    # (NotAudio) or send anew (other content) if it read any of it.
    function Set-GarbageKeepingTime([string] $Path) {
        $written = [IO.File]::GetLastWriteTimeUtc($Path)
        $garbage = [byte[]]::new((Get-Item -LiteralPath $Path).Length)
        [Text.Encoding]::ASCII.GetBytes("%PDF-1.7`n").CopyTo($garbage, 0)
        [IO.File]::WriteAllBytes($Path, $garbage)
        [IO.File]::SetLastWriteTimeUtc($Path, $written)
    }

    function Get-JournalLines([string] $Path) {
        @(Get-Content -LiteralPath $Path | Where-Object { $_.Trim() } | ForEach-Object { $_ | ConvertFrom-Json })
    }
}

AfterAll {
    Stop-AlpharunSandbox
}

Describe 'A journaled rerun' {
    BeforeEach {
        $script:folder = New-TestFolder
        $script:journal = Join-Path $script:folder 'state/uploads.journal'
        Stop-AlpharunSandbox
        Start-AlpharunSandbox | Out-Null
    }

    AfterEach {
        Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
    }

    It 'skips every file it sent without reading a byte of it, and shows what was sent' {
        $files = @(
            New-TestWav -Folder $script:folder -Name 'a.wav' -Frames 16000 -BextDate '2024-03-05 14:30:00'
            New-TestWav -Folder $script:folder -Name 'b.wav' -Frames 12000
            New-TestWav -Folder $script:folder -Name 'c.wav' -Frames 8000
        )
        $first = @(Send-AlpharunRecording -LiteralPath $files -Teammate ana@acme.com -Contact bob@client.com -Journal $script:journal)
        $first.Status | Should -Be @('Created', 'Created', 'Created')
        foreach ($file in $files) { Set-GarbageKeepingTime $file }

        $rerun = @(Send-AlpharunRecording -LiteralPath $files -Teammate ana@acme.com -Contact bob@client.com -Journal $script:journal -ErrorVariable failures)

        $failures | Should -BeNullOrEmpty
        $rerun.Status | Should -Be @('Skipped', 'Skipped', 'Skipped')
        $rerun.Path | Should -Be $files
        $rerun.RecordingId | Should -Be $first.RecordingId
        $rerun.RecordedAt | Should -Be $first.RecordedAt
        $rerun.RecordedAtSource | Should -Be @('Metadata', 'LastWriteTime', 'LastWriteTime')
        $rerun.MediaType | Should -Be @('audio/wav', 'audio/wav', 'audio/wav')
        $rerun.AudioDurationSeconds | Should -Be @(2, 1.5, 1)
        $rerun.Length | Should -Be $first.Length
        $rerun.HttpStatus | Should -Be @(0, 0, 0)
        @(Get-AlpharunSandboxRecording).Count | Should -Be 3
    }

    It 'skips touched files that have no date of their own (10 of 10), and the next night does not read them' {
        $files = 1..10 | ForEach-Object { New-TestWav -Folder $script:folder -Name "call-$_.wav" }
        $first = @(Send-AlpharunRecording -LiteralPath $files -Teammate ana@acme.com -Contact bob@client.com -Journal $script:journal)
        $first.RecordedAtSource | Select-Object -Unique | Should -Be 'LastWriteTime'
        $touched = [datetime]::UtcNow.AddHours(-1)
        foreach ($file in $files) { [IO.File]::SetLastWriteTimeUtc($file, $touched) }

        $rerun = @(Send-AlpharunRecording -LiteralPath $files -Teammate ana@acme.com -Contact bob@client.com -Journal $script:journal)

        $rerun.Status | Should -Be (@('Skipped') * 10)
        $rerun.RecordingId | Should -Be $first.RecordingId
        # What was sent, not the new time.
        $rerun.RecordedAt | Should -Be $first.RecordedAt
        @(Get-AlpharunSandboxRecording).Count | Should -Be 10
        # Their new times are in the journal now: the next rerun skips them unread.
        foreach ($file in $files) { Set-GarbageKeepingTime $file }
        $third = @(Send-AlpharunRecording -LiteralPath $files -Teammate ana@acme.com -Contact bob@client.com -Journal $script:journal -ErrorVariable failures)
        $failures | Should -BeNullOrEmpty
        $third.Status | Should -Be (@('Skipped') * 10)
    }

    It 'sends a file whose bytes changed and skips the one that did not' {
        $kept = New-TestWav -Folder $script:folder -Name 'kept.wav'
        $changed = New-TestWav -Folder $script:folder -Name 'changed.wav'
        $null = Send-AlpharunRecording -LiteralPath $kept, $changed -Teammate ana@acme.com -Contact bob@client.com -Journal $script:journal
        $bytes = [IO.File]::ReadAllBytes($changed)
        $bytes[-1] = $bytes[-1] -bxor 0xFF
        [IO.File]::WriteAllBytes($changed, $bytes)

        $rerun = @(Send-AlpharunRecording -LiteralPath $kept, $changed -Teammate ana@acme.com -Contact bob@client.com -Journal $script:journal)

        $rerun.Status | Should -Be @('Skipped', 'Created')
        $sent = @(Get-AlpharunSandboxRecording | Where-Object FileName -EQ 'changed.wav')
        $sent.Count | Should -Be 2
        $sent[-1].Sha256 | Should -BeExactly (Get-FileHash -LiteralPath $changed -Algorithm SHA256).Hash.ToLowerInvariant()
    }

    It 'skips a file moved to another folder and records its new path' {
        $file = New-TestWav -Folder $script:folder -Name 'call.wav'
        $first = Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -Journal $script:journal
        $archive = New-Item -ItemType Directory -Path (Join-Path $script:folder 'archive/2024')
        $moved = Join-Path $archive.FullName 'call.wav'
        Move-Item -LiteralPath $file -Destination $moved

        $rerun = Send-AlpharunRecording -LiteralPath $moved -Teammate ana@acme.com -Contact bob@client.com -Journal $script:journal

        $rerun.Status | Should -Be 'Skipped'
        $rerun.RecordingId | Should -Be $first.RecordingId
        $rerun.Path | Should -Be $moved
        (Get-JournalLines $script:journal)[-1].path | Should -Be $moved
    }
}

Describe 'The journal under faults' {
    BeforeEach {
        $script:folder = New-TestFolder
        Stop-AlpharunSandbox
        Start-AlpharunSandbox | Out-Null
    }

    AfterEach {
        foreach ($mount in $script:mounts) {
            & umount $mount
            # Still busy (a handle not yet released): detach it now, the kernel frees it when the handle goes.
            if ($LASTEXITCODE -ne 0) { & umount -l $mount }
        }
        $script:mounts.Clear()
        Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction Ignore
    }

    It 'on a full disk outputs every upload the API accepted and stops with one JournalWriteFailed that counts those not journaled' {
        if (-not $script:isRoot) { Set-ItResult -Skipped -Because 'mounting a 64 KiB tmpfs needs root'; return }
        $state = New-Item -ItemType Directory -Path (Join-Path $script:folder 'state')
        Mount-TestFileSystem $state.FullName 'size=64k'
        # 60 KiB of the 64 KiB taken: the journal has one 4 KiB page, room for a few lines.
        [IO.File]::WriteAllBytes((Join-Path $state.FullName 'filler'), [byte[]]::new(61440))
        $journal = Join-Path $state.FullName 'uploads.journal'
        $files = 1..20 | ForEach-Object { New-TestWav -Folder $script:folder -Name ('call-{0:00}.wav' -f $_) -Frames 400 }
        $output = [Collections.Generic.List[object]]::new()

        $thrown = $null
        try {
            Send-AlpharunRecording -LiteralPath $files -Teammate ana@acme.com -Contact bob@client.com -Journal $journal -SummaryVariable summary -ErrorVariable failures |
                ForEach-Object { $output.Add($_) }
        }
        catch { $thrown = $_ }

        $thrown | Should -Not -BeNullOrEmpty
        $thrown.FullyQualifiedErrorId | Should -BeExactly "JournalWriteFailed,$script:send"
        $thrown.CategoryInfo.Category | Should -Be 'WriteError'
        $thrown.TargetObject | Should -Be $journal
        # One error for the batch, not one per file.
        @($failures).Count | Should -Be 1
        # Every upload the API accepted was output: what the sandbox holds is exactly the output.
        $received = @(Get-AlpharunSandboxRecording)
        $output.Count | Should -BeGreaterThan 0
        @($output.RecordingId | Sort-Object) | Should -Be @($received.RecordingId | Sort-Object)
        $output.Count | Should -BeLessThan 20
        # The journal holds whole lines only, each of an output upload; the rest are counted in the error.
        $lines = Get-JournalLines $journal
        $lines.Count | Should -BeGreaterThan 0
        $lines.Count | Should -BeLessThan $output.Count
        @($lines.recording_id | ForEach-Object { [guid] $_ }) | ForEach-Object { $_ | Should -BeIn $output.RecordingId }
        $missing = $output.Count - $lines.Count
        $thrown.Exception.Message | Should -BeLike "The journal '$journal' could not be written: the disk holding '$($state.FullName)' is full. Free some space, or choose a folder on another disk. The batch stopped; $($output.Count) uploads the API accepted were output, and $missing of them * not in the journal, so running the same command again may send * again (the API answers 200, AlreadyExisted, with the same id for a recording it already has)."
        $summary.StoppedBy | Should -Be 'JournalWriteFailed'
        $summary.ExitCode | Should -Be 2
        $summary.Created | Should -Be $output.Count
    }

    It 'JournalUnavailable says the journal is on a read-only file system' {
        if (-not $script:isRoot) { Set-ItResult -Skipped -Because 'mounting a read-only tmpfs needs root'; return }
        $state = New-Item -ItemType Directory -Path (Join-Path $script:folder 'state')
        Mount-TestFileSystem $state.FullName 'size=64k,ro'
        $journal = Join-Path $state.FullName 'uploads.journal'
        $file = New-TestWav -Folder $script:folder -Name 'call.wav'

        $thrown = { Send-AlpharunRecording -LiteralPath $file -Teammate ana@acme.com -Contact bob@client.com -Journal $journal } | Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -BeExactly "JournalUnavailable,$script:send"
        $thrown.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $thrown.Exception.Message | Should -BeExactly "The journal '$journal' cannot be opened: '$($state.FullName)' is on a read-only file system or share. Put the journal in a folder this account can write."
        Get-AlpharunSandboxRecording | Should -BeNullOrEmpty
    }

    It 'JournalUnavailable says the account has no permission to write the folder' {
        if ($env:OS -eq 'Windows_NT') { Set-ItResult -Skipped -Because 'chmod and capsh are Unix; Windows denies a folder by its ACL'; return }
        # Root writes anywhere: the child runs as root without CAP_DAC_OVERRIDE (capsh), as an account without the right would.
        if ($script:isRoot -and -not (Get-Command capsh -ErrorAction Ignore)) { Set-ItResult -Skipped -Because 'capsh is needed to run without root''s override'; return }
        $state = New-Item -ItemType Directory -Path (Join-Path $script:folder 'state')
        & chmod 555 $state.FullName
        $journal = Join-Path $state.FullName 'uploads.journal'
        $file = New-TestWav -Folder $script:folder -Name 'call.wav'
        $script = Join-Path $script:folder 'job.ps1'
        Set-Content -LiteralPath $script -Value @'
param($File, $Journal)
Import-Module Alpharun
try {
    Send-AlpharunRecording -LiteralPath $File -Teammate ana@acme.com -Contact bob@client.com -Journal $Journal -ApiKey (ConvertTo-SecureString 'sk_test' -AsPlainText -Force) -ErrorAction Stop
}
catch { "$($_.FullyQualifiedErrorId)|$($_.CategoryInfo.Category)|$($_.Exception.Message)" }
'@
        $pwsh = Get-PwshCommandLine
        $start = [Diagnostics.ProcessStartInfo]::new($(if ($script:isRoot) { 'capsh' } else { $pwsh[0] }))
        $arguments = @($pwsh | Select-Object -Skip ([int](-not $script:isRoot))) + @('-NoProfile', '-NonInteractive', '-File', $script, $file, $journal)
        if ($script:isRoot) { $arguments = @('--drop=cap_dac_override,cap_dac_read_search', '--', '-c', 'exec "$@"', 'job') + $arguments }
        foreach ($argument in $arguments) { $start.ArgumentList.Add($argument) }
        $start.RedirectStandardOutput = $true
        $start.UseShellExecute = $false
        $start.Environment['PSModulePath'] = (Get-BuiltModuleRoot) + [IO.Path]::PathSeparator + $env:PSModulePath
        $process = [Diagnostics.Process]::Start($start)
        $printed = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()

        $id, $category, $message = $printed.Trim() -split '\|', 3
        $id | Should -BeExactly "JournalUnavailable,$script:send"
        $category | Should -Be 'PermissionDenied'
        $message | Should -BeLike "The journal '$journal' cannot be opened: the account running this (*) has no permission to write it in '$($state.FullName)'. Grant that account write access to the folder (a scheduled task runs as its own account), or choose a folder it owns."
    }
}
