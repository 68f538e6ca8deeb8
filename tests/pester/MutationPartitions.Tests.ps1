# build.ps1 -Task Mutate scores a layer from its partitions: a source file no partition mutates would never be
# scored, and one that two partitions mutate would be counted twice. Each tests/*/stryker-<partition>.json names
# the project it mutates and its files by Stryker's globs (relative to the project folder, '!' excludes).

BeforeDiscovery {
    $root = Split-Path (Split-Path $PSScriptRoot)
    $script:projects = @(Get-ChildItem -Path (Join-Path $root 'src/*/*.csproj') -File | ForEach-Object { @{ Name = $_.BaseName; Folder = $_.DirectoryName } })
}

BeforeAll {
    $root = Split-Path (Split-Path $PSScriptRoot)

    # Stryker's globs: '**/' is any number of folders (none too), '*' any name part within a folder.
    function ConvertTo-GlobRegex([string] $Glob) {
        $pattern = [regex]::Escape($Glob) -replace '\\\*\\\*/', '(?:.*/)?' -replace '\\\*', '[^/]*'
        [regex]::new('^' + $pattern + '$')
    }

    $script:partitions = @(Get-ChildItem -Path (Join-Path $root 'tests/*/stryker-*.json') -File | ForEach-Object {
            $config = (Get-Content -LiteralPath $_.FullName -Raw | ConvertFrom-Json).'stryker-config'
            [pscustomobject]@{
                Name    = $_.BaseName -replace '^stryker-'
                Project = [IO.Path]::GetFileNameWithoutExtension($config.project)
                Include = @($config.mutate | Where-Object { -not $_.StartsWith('!') } | ForEach-Object { ConvertTo-GlobRegex $_ })
                Exclude = @($config.mutate | Where-Object { $_.StartsWith('!') } | ForEach-Object { ConvertTo-GlobRegex $_.Substring(1) })
            }
        })

    function Get-MutatingPartition([string] $Project, [string] $RelativePath) {
        foreach ($partition in $script:partitions | Where-Object Project -EQ $Project) {
            $included = $partition.Include | Where-Object { $_.IsMatch($RelativePath) }
            $excluded = $partition.Exclude | Where-Object { $_.IsMatch($RelativePath) }
            if ($included -and -not $excluded) { $partition.Name }
        }
    }
}

Describe 'Mutation partitions' {
    It 'mutate every source file of <Name> exactly once' -ForEach $script:projects {
        $files = @(Get-ChildItem -LiteralPath $Folder -Recurse -File -Filter *.cs |
                ForEach-Object { $_.FullName.Substring($Folder.Length + 1) -replace '\\', '/' } |
                Where-Object { $_ -notmatch '^(bin|obj)/' })
        $files | Should -Not -BeNullOrEmpty
        $wrong = @(foreach ($file in $files) {
                $by = @(Get-MutatingPartition $Name $file)
                if ($by.Count -ne 1) { '{0} ({1})' -f $file, $(if ($by) { 'mutated by ' + ($by -join ' and ') } else { 'mutated by no partition' }) }
            })
        $wrong | Should -BeNullOrEmpty -Because 'each source file belongs to exactly one partition of its layer'
    }

    It 'are read the way Stryker reads the globs' {
        Get-MutatingPartition 'Alpharun.Client' 'Audio/Wav/WavProbe.cs' | Should -Be 'audio'
        Get-MutatingPartition 'Alpharun.Client' 'Audio.cs' | Should -BeNullOrEmpty
        Get-MutatingPartition 'Alpharun.Sandbox' 'Http/HttpConnection.cs' | Should -Be 'sandbox-http'
        Get-MutatingPartition 'Alpharun.Sandbox' 'SandboxServer.cs' | Should -Be 'sandbox-api'
        Get-MutatingPartition 'Alpharun.PowerShell' 'Commands/SendAlpharunRecordingCommand.Journal.cs' | Should -Be 'cmdlet'
        Get-MutatingPartition 'Alpharun.PowerShell' 'Commands/StartAlpharunSandboxCommand.cs' | Should -Be 'session'
    }
}
