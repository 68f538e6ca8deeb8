# The Gallery path as a user meets it: build.ps1 packages and publishes, PSResourceGet installs by name, and a
# new pwsh imports the installed module by name and uploads. Every step runs in its own pwsh process.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force
    $script:build = Join-Path (Get-RepoRoot) 'build.ps1'
    $script:version = (Import-PowerShellDataFile (Join-Path (Get-BuiltModuleRoot) 'Alpharun/Alpharun.psd1')).ModuleVersion
    $script:root = New-TestFolder

    # Runs a script in a new pwsh whose user folders are under $root: PSResourceGet keeps its repositories and
    # CurrentUser installs there, so the user's own are never touched. No PSModulePath: pwsh's default, as
    # on a user's machine, which holds the CurrentUser folder and not out/module.
    $script:userHome = Join-Path $script:root 'home'
    $script:isolated = @{
        HOME            = $script:userHome
        XDG_DATA_HOME   = Join-Path $script:userHome '.local/share'
        XDG_CONFIG_HOME = Join-Path $script:userHome '.config'
        XDG_CACHE_HOME  = Join-Path $script:userHome '.cache'
        PSModulePath    = $null
    }
    function Invoke-IsolatedPwsh([string] $Script, [string[]] $ArgumentList = @(), [hashtable] $Environment = @{}) {
        $file = Join-Path $script:root ('step-' + [guid]::NewGuid().ToString('N') + '.ps1')
        Set-Content -LiteralPath $file -Value ("`$ErrorActionPreference = 'Stop'`n" + $Script)
        $variables = $script:isolated.Clone()
        foreach ($name in $Environment.Keys) { $variables[$name] = $Environment[$name] }
        Invoke-PwshFile -Path $file -ArgumentList $ArgumentList -WorkingDirectory $script:root -Environment $variables
    }
}

AfterAll {
    Remove-Item -LiteralPath $script:root -Recurse -Force -ErrorAction Ignore
}

# Windows keeps the user's folders where no environment variable can move them, so there the steps would
# install into the real user's module folder: skipped on Windows (under both PowerShells: $env:OS, as Windows
# PowerShell 5.1 has no $IsWindows).
Describe 'The module from a PSResourceGet repository' -Skip:($env:OS -eq 'Windows_NT') {
    BeforeAll {
        $script:out = Join-Path $script:root 'out'
        $script:feed = (New-Item -ItemType Directory -Path (Join-Path $script:root 'feed')).FullName
        $script:repository = 'AlpharunTest' + [guid]::NewGuid().ToString('N')
        $script:installed = Join-Path $script:isolated.XDG_DATA_HOME "powershell/Modules/Alpharun/$script:version"

        $script:register = Invoke-IsolatedPwsh 'Register-PSResourceRepository -Name $args[0] -Uri $args[1] -Trusted' $script:repository, $script:feed
        # One comma-separated -Task, as bash passes it; a local folder repository ignores the key.
        $script:packageAndPublish = Invoke-IsolatedPwsh '& $args[0] -Task $args[1] -OutputPath $args[2] -Repository $args[3]' `
            $script:build, 'Package,Publish', $script:out, $script:repository -Environment @{ PSGALLERY_API_KEY = 'local-folder-needs-no-key' }
        $script:install = Invoke-IsolatedPwsh 'Install-PSResource -Name Alpharun -Repository $args[0] -Scope CurrentUser' $script:repository
        $script:use = Invoke-IsolatedPwsh @'
(Import-Module Alpharun -PassThru).ModuleBase
$null = Start-AlpharunSandbox
(Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com).Status.ToString()
Stop-AlpharunSandbox
'@ (New-FakeRecording -Folder $script:root -Name 'installed.wav')
    }

    AfterAll {
        Invoke-IsolatedPwsh 'Unregister-PSResourceRepository -Name $args[0]' $script:repository | Out-Null
    }

    It 'registers a local folder repository' {
        $script:register.ExitCode | Should -Be 0 -Because $script:register.Error
    }

    It 'runs Package then Publish from one comma-separated -Task argument' {
        $script:packageAndPublish.ExitCode | Should -Be 0 -Because $script:packageAndPublish.Error
        $script:packageAndPublish.Lines | Should -Contain "Packaged $(Join-Path $script:out "Alpharun/$script:version") and $(Join-Path $script:out "Alpharun.$script:version.nupkg")"
        $script:packageAndPublish.Lines | Should -Contain "Published $(Join-Path $script:out "Alpharun/$script:version") to $script:repository"
    }

    It 'lays out out/Alpharun/<version> with only what ships' {
        $folder = Join-Path $script:out "Alpharun/$script:version"
        $shipped = @(Get-ChildItem -LiteralPath $folder -File -Recurse | ForEach-Object { [IO.Path]::GetRelativePath($folder, $_.FullName).Replace('\', '/') })
        $shipped | Should -Contain 'Alpharun.psd1'
        $shipped | Should -Contain 'Alpharun.PowerShell.dll'
        $shipped | Should -Contain 'Dependencies/System.Text.Json.dll'
        $shipped | Should -Contain 'Dependencies/TimeZoneConverter.dll'
        $shipped | Should -Contain 'en-US/Alpharun.PowerShell.dll-Help.xml'
        $shipped | Where-Object { $_ -notmatch '\.(psd1|ps1xml|dll|xml|txt)$' } | Should -BeNullOrEmpty
    }

    It 'writes Alpharun.<version>.nupkg holding that folder and its nuspec' {
        $folder = Join-Path $script:out "Alpharun/$script:version"
        $zip = [IO.Compression.ZipFile]::OpenRead((Join-Path $script:out "Alpharun.$script:version.nupkg"))
        try {
            # Leave out what the nupkg format itself adds: the nuspec and the OPC parts.
            $entries = @($zip.Entries.FullName | Where-Object { $_ -notmatch '^(Alpharun\.nuspec|_rels/.*|\[Content_Types\]\.xml|package/.*)$' } | Sort-Object)
            $reader = [IO.StreamReader]::new($zip.GetEntry('Alpharun.nuspec').Open())
            $nuspec = [xml] $reader.ReadToEnd()
            $reader.Dispose()
        }
        finally {
            $zip.Dispose()
        }
        $entries | Should -Be @(Get-ChildItem -LiteralPath $folder -File -Recurse | ForEach-Object { [IO.Path]::GetRelativePath($folder, $_.FullName).Replace('\', '/') } | Sort-Object)
        $nuspec.package.metadata.id | Should -Be 'Alpharun'
        $nuspec.package.metadata.version | Should -Be $script:version
    }

    It 'publishes the nupkg into the repository folder' {
        Join-Path $script:feed "Alpharun.$script:version.nupkg" | Should -Exist
    }

    It 'installs by name with Install-PSResource -Scope CurrentUser' {
        $script:install.ExitCode | Should -Be 0 -Because $script:install.Error
        Join-Path $script:installed 'Alpharun.psd1' | Should -Exist
        Join-Path $script:installed 'Dependencies/System.Text.Json.dll' | Should -Exist
    }

    It 'imports the installed module by name in a new pwsh and uploads into the sandbox' {
        $script:use.ExitCode | Should -Be 0 -Because $script:use.Error
        $script:use.Lines[0] | Should -Be $script:installed
        $script:use.Lines[1] | Should -Be 'Created'
    }
}

Describe 'build.ps1 -Task' {
    It 'names the unknown task and the valid ones, and does no work, for -File -Task Package,Bogus' {
        $target = Join-Path $script:root 'bogus-out'
        $result = Invoke-PwshFile -Path $script:build -ArgumentList '-Task', 'Package,Bogus', '-OutputPath', $target
        $result.ExitCode | Should -Not -Be 0
        $result.Error | Should -Match ([regex]::Escape("Unknown task 'Bogus'. Valid tasks: Build, Test, Mutate, Package, Publish."))
        $target | Should -Not -Exist
    }

    It 'says to set PSGALLERY_API_KEY when Publish has no key' {
        $result = Invoke-PwshFile -Path $script:build -ArgumentList '-Task', 'Publish' -Environment @{ PSGALLERY_API_KEY = $null }
        $result.ExitCode | Should -Not -Be 0
        $result.Error | Should -Match ([regex]::Escape('Set $env:PSGALLERY_API_KEY to your PowerShell Gallery API key to publish.'))
    }

    It 'completes task names after -Task, also after a comma' {
        foreach ($case in @{ Line = "& '$script:build' -Task Pa"; Expected = @('Package') }, @{ Line = "& '$script:build' -Task Build,P"; Expected = @('Package', 'Publish') }, @{ Line = "& '$script:build' -Task Mu"; Expected = @('Mutate') }) {
            (TabExpansion2 -inputScript $case.Line -cursorColumn $case.Line.Length).CompletionMatches.CompletionText | Should -Be $case.Expected
        }
    }
}
