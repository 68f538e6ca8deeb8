<#
.SYNOPSIS
    Builds, tests, packages and publishes the Alpharun module.
.DESCRIPTION
    Build:   dotnet build Alpharun.sln, which lays out the importable module in out/module/Alpharun.
    Test:    the xunit suites (dotnet test Alpharun.sln), then the Pester suite in tests/pester under Pester 5.7.1
             and 6.2.0 (restored from NuGet by tests/pester/Pester.Restore.csproj), each in its own pwsh process.
             Ends with one line, 'Tests: N passed, N failed, N skipped', and fails if a test failed or none ran.
    Mutate:  mutation testing of the three projects (src/Alpharun.Client, src/Alpharun.PowerShell, src/Alpharun.Sandbox)
             with dotnet-stryker (the repo's tool manifest), one run per partition config tests/*/stryker-<name>.json
             (which project and files it mutates, which tests it runs; it runs in that test project's folder), or
             only those named by -MutationPartition. Prints each partition's score, each project's (a layer's)
             score over its partitions' latest reports, killed / (killed + survived + not covered), and the
             combined one; fails when a layer is under 80% or a partition has no report. Reports go to
             <OutputPath>/mutation/<partition>, the scores and every survivor to <OutputPath>/mutation/summary.md.
             -MutationPartition none runs nothing and only rebuilds the summary from the reports there. It takes
             hours on 2 cores, so it is not part of Test or of per-commit CI; tests/README.md has the last scores
             and the accepted survivors.
    Package: lays out the module exactly as the PowerShell Gallery installs it, <OutputPath>/Alpharun/<version>/
             with only what ships, and writes <OutputPath>/Alpharun.<version>.nupkg with Compress-PSResource.
    Publish: Publish-PSResource of the packaged folder to the PowerShell Gallery, with the key from
             $env:PSGALLERY_API_KEY.
    Tasks run in that order, whatever order they are given in. The version comes from one place: AlpharunVersion
    in Directory.Build.props, stamped into the built manifest.
.EXAMPLE
    ./build.ps1 -Task Build, Test
.EXAMPLE
    dotnet pwsh -NoProfile -File build.ps1 -Task Build,Test
.EXAMPLE
    ./build.ps1 -Task Mutate
.EXAMPLE
    ./build.ps1 -Task Mutate -MutationPartition wire
.EXAMPLE
    ./build.ps1 -Task Mutate -MutationPartition cmdlet,batch
.EXAMPLE
    $env:PSGALLERY_API_KEY = '...'; ./build.ps1 -Task Build, Package, Publish
#>
[CmdletBinding()]
param(
    # Build, Test, Mutate, Package, Publish: a list, or one comma-separated string (what 'pwsh -File' passes).
    [ArgumentCompleter({
        param($command, $parameter, $word)
        'Build', 'Test', 'Mutate', 'Package', 'Publish' | Where-Object { $_ -like "$word*" }
    })]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Where Package writes Alpharun/<version>/ and the .nupkg, and Test its results.
    [string] $OutputPath = (Join-Path $PSScriptRoot 'out'),

    # The repository Publish sends to.
    [string] $Repository = 'PSGallery',

    # Mutate: run only these partitions (the <name> of each tests/*/stryker-<name>.json; 'none' runs none); the scores
    # still combine every partition's latest report in <OutputPath>/mutation.
    [string[]] $MutationPartition
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
# Logs (CI, a file) get warnings and errors without escape codes.
if ([Console]::IsOutputRedirected -and (Get-Variable PSStyle -ErrorAction Ignore)) { $PSStyle.OutputRendering = 'PlainText' }

$validTasks = 'Build', 'Test', 'Mutate', 'Package', 'Publish'
$requested = @($Task | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })
foreach ($name in $requested) {
    if ($validTasks -notcontains $name) { throw "Unknown task '$name'. Valid tasks: $($validTasks -join ', ')." }
}
if ($requested.Count -eq 0) { throw "No task given. Valid tasks: $($validTasks -join ', ')." }
$Task = @($validTasks | Where-Object { $requested -contains $_ })

$solution = Join-Path $PSScriptRoot 'Alpharun.sln'
$builtModule = Join-Path $PSScriptRoot 'out/module/Alpharun'
$pesterVersions = '5.7.1', '6.2.0'

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Get-BuiltManifest {
    $manifest = Join-Path $builtModule 'Alpharun.psd1'
    if (-not (Test-Path -LiteralPath $manifest)) { throw "No built module at $builtModule. Run ./build.ps1 -Task Build first." }
    Import-PowerShellDataFile -LiteralPath $manifest
}

function Get-PackageFolder {
    Join-Path (Join-Path $OutputPath 'Alpharun') (Get-BuiltManifest).ModuleVersion
}

function New-EmptyFolder([string] $Path) {
    if (Test-Path -LiteralPath $Path) { Remove-Item -LiteralPath $Path -Recurse -Force }
    (New-Item -ItemType Directory -Path $Path -Force).FullName
}

# The pwsh that runs this script, started again; from Windows PowerShell, the repo's pinned pwsh tool.
function Get-PwshCommandLine {
    if ($PSVersionTable.PSEdition -ne 'Core') { return @('dotnet', 'pwsh') }
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { return @($process, (Join-Path $PSHOME 'pwsh.dll')) }
    @($process)
}

function Assert-PSResourceGet {
    if (-not (Get-Command Compress-PSResource -ErrorAction Ignore)) {
        throw 'Package and Publish need Microsoft.PowerShell.PSResourceGet 1.1 or later (in PowerShell 7.6; elsewhere: Install-Module Microsoft.PowerShell.PSResourceGet).'
    }
}

function New-Count([string] $Suite, [int] $Passed, [int] $Failed, [int] $Skipped) {
    [pscustomobject]@{ Suite = $Suite; Passed = $Passed; Failed = $Failed; Skipped = $Skipped }
}

# The names of failed tests, repeated under the totals: a CI log often shows only its tail.
$script:failures = @()

function Get-FirstLine([string] $Text) {
    if (-not $Text) { return '(no message)' }
    $line = ($Text -split '\r?\n' | Where-Object { $_.Trim() } | Select-Object -First 1).Trim()
    if ($line.Length -gt 300) { $line = $line.Substring(0, 300) + '...' }
    $line
}

function Invoke-XunitSuites([string] $ResultsFolder, [bool] $AlreadyBuilt) {
    $arguments = @('test', $solution, '--configuration', $Configuration, '--logger', 'trx', '--results-directory', $ResultsFolder)
    if ($AlreadyBuilt) { $arguments += '--no-build' }
    & dotnet @arguments | Out-Host
    $exitCode = $LASTEXITCODE

    $passed = 0; $failed = 0; $skipped = 0
    foreach ($file in Get-ChildItem -LiteralPath $ResultsFolder -Filter *.trx -File -ErrorAction Ignore) {
        foreach ($result in ([xml] (Get-Content -LiteralPath $file.FullName -Raw)).SelectNodes("//*[local-name()='UnitTestResult']")) {
            switch ($result.GetAttribute('outcome')) {
                'Passed' { $passed++ }
                { $_ -in 'NotExecuted', 'Inconclusive' } { $skipped++ }
                default {
                    $failed++
                    $message = $result.SelectSingleNode(".//*[local-name()='Message']")
                    $script:failures += '{0}: {1}' -f $result.GetAttribute('testName'), (Get-FirstLine $(if ($message) { $message.InnerText }))
                }
            }
        }
    }
    # A build error or a crashed test host fails no single test: count the run itself as one failure.
    if ($exitCode -ne 0 -and $failed -eq 0) {
        Write-Warning "dotnet test exited with code $exitCode but reported no failed test: counted as 1 failure."
        $failed = 1
    }
    New-Count 'xunit (dotnet test Alpharun.sln)' $passed $failed $skipped
}

# The score the project holds each layer to (issues 11 and 20): killed / (killed + survived), where a mutant no test
# covers counts as survived and a timeout as killed (the tests noticed it); compile errors and ignored mutants are not mutants.
$mutationBreak = 80

function Get-MutationCount([string] $Partition, [string] $Layer, [string] $ReportPath, [string] $Run) {
    $json = Get-Content -LiteralPath $ReportPath -Raw | ConvertFrom-Json
    $statuses = @{}
    $undetected = [System.Collections.Generic.List[object]]::new()
    foreach ($file in $json.files.PSObject.Properties) {
        $lines = $file.Value.source -split '\n'
        foreach ($mutant in $file.Value.mutants) {
            $statuses[$mutant.status] = 1 + [int] $statuses[$mutant.status]
            if ($mutant.status -in 'Survived', 'NoCoverage') {
                $line = $mutant.location.start.line
                $undetected.Add([pscustomobject]@{
                    File = ($file.Name -replace '\\', '/' -replace '^.*?src/', '')
                    Line = $line
                    Status = $mutant.status
                    Mutator = $mutant.mutatorName
                    Code = $(if ($line -le $lines.Count) { $lines[$line - 1].Trim() } else { '' })
                    Replacement = $mutant.replacement
                })
            }
        }
    }
    [pscustomobject]@{
        Partition = $Partition
        Layer = $Layer
        Run = "$Run".Trim()
        Killed = [int] $statuses['Killed']
        Timeout = [int] $statuses['Timeout']
        Survived = [int] $statuses['Survived']
        NoCoverage = [int] $statuses['NoCoverage']
        Detected = [int] $statuses['Killed'] + [int] $statuses['Timeout']
        Undetected = [int] $statuses['Survived'] + [int] $statuses['NoCoverage']
        List = $undetected
    }
}

function Get-MutationScore($Count) { 100 * $Count.Detected / [Math]::Max(1, $Count.Detected + $Count.Undetected) }

# The sum of several partitions' counts, named $Name (a layer, or 'all').
function Join-MutationCount([string] $Name, [object[]] $Counts) {
    $sum = [pscustomobject]@{ Partition = $Name; Layer = $Name; Run = ''; List = @() }
    foreach ($field in 'Killed', 'Timeout', 'Survived', 'NoCoverage', 'Detected', 'Undetected') {
        $sum | Add-Member -NotePropertyName $field -NotePropertyValue ([int] ($Counts | Measure-Object $field -Sum).Sum)
    }
    $sum
}

function Write-MutationSummary([object[]] $Counts, [object[]] $Layers, [string] $Path) {
    $text = [System.Text.StringBuilder]::new()
    $null = $text.AppendLine('| Partition | Layer | Killed | Timeout | Survived | No coverage | Score | Run |').AppendLine('|---|---|---|---|---|---|---|---|')
    $all = Join-MutationCount 'all' $Counts
    foreach ($count in @($Counts) + @($Layers | ForEach-Object { $_.Partition = "**$($_.Layer)**"; $_ }) + $all) {
        $null = $text.AppendLine(('| {0} | {1} | {2} | {3} | {4} | {5} | {6:0.00}% | {7} |' -f $count.Partition, $count.Layer, $count.Killed, $count.Timeout, $count.Survived, $count.NoCoverage, (Get-MutationScore $count), $count.Run))
    }
    $null = $text.AppendLine()
    $null = $text.AppendLine('| File | Line | Status | Mutator | Code | Mutant |').AppendLine('|---|---|---|---|---|---|')
    foreach ($mutant in $Counts.List | Sort-Object File, Line) {
        $cells = $mutant.File, $mutant.Line, $mutant.Status, $mutant.Mutator, $mutant.Code, $mutant.Replacement | ForEach-Object { "$_" -replace '\|', '\|' -replace '\r?\n', ' ' }
        $null = $text.AppendLine('| ' + ($cells -join ' | ') + ' |')
    }
    Set-Content -LiteralPath $Path -Value $text.ToString() -Encoding utf8
    Write-Host ($text.ToString() -split '\r?\n' | Select-Object -First ($Counts.Count + $Layers.Count + 3) | Out-String)
}

function Get-PesterManifest([string] $Version) {
    $project = Join-Path $PSScriptRoot 'tests/pester/Pester.Restore.csproj'
    $assets = Join-Path $PSScriptRoot 'tests/pester/obj/project.assets.json'
    # The restore names the NuGet package folder it used (NUGET_PACKAGES, nuget.config or ~/.nuget/packages).
    $packages = @((Get-Content -LiteralPath $assets -Raw | ConvertFrom-Json).packageFolders.PSObject.Properties.Name)[0]
    $manifest = Join-Path $packages "pester/$Version/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $manifest)) { throw "Pester $Version is not in $packages after 'dotnet restore $project'." }
    $manifest
}

function Invoke-PesterSuite([string] $Version, [string] $ResultsFolder) {
    $runner = Join-Path $PSScriptRoot 'tests/pester/Invoke-PesterSuite.ps1'
    $resultFile = Join-Path $ResultsFolder "pester-$Version.json"
    $pwsh = @(Get-PwshCommandLine)
    Write-Host "Pester $Version in a new pwsh process"
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $runner -PesterManifest (Get-PesterManifest $Version) -ResultPath $resultFile | Out-Host
    $exitCode = $LASTEXITCODE
    if (-not (Test-Path -LiteralPath $resultFile)) {
        Write-Warning "Pester $Version wrote no results (pwsh exit code $exitCode): counted as 1 failure."
        return New-Count "Pester $Version" 0 1 0
    }
    $counts = Get-Content -LiteralPath $resultFile -Raw | ConvertFrom-Json
    foreach ($failure in @($counts.Failures)) { if ($failure) { $script:failures += "Pester ${Version}: $(Get-FirstLine $failure)" } }
    New-Count "Pester $Version" $counts.Passed $counts.Failed $counts.Skipped
}

if ($Task -contains 'Build') {
    Invoke-Dotnet build $solution --configuration $Configuration
    Write-Host "Module laid out in $builtModule"
}

if ($Task -contains 'Test') {
    $results = New-EmptyFolder (Join-Path $OutputPath 'test-results')
    $counts = @(Invoke-XunitSuites (New-EmptyFolder (Join-Path $results 'xunit')) ($Task -contains 'Build'))
    Invoke-Dotnet restore (Join-Path $PSScriptRoot 'tests/pester/Pester.Restore.csproj')
    foreach ($version in $pesterVersions) { $counts += Invoke-PesterSuite $version $results }

    $passed = ($counts | Measure-Object Passed -Sum).Sum
    $failed = ($counts | Measure-Object Failed -Sum).Sum
    $skipped = ($counts | Measure-Object Skipped -Sum).Sum
    Write-Host ''
    foreach ($count in $counts) { Write-Host ('  {0,-36} {1} passed, {2} failed, {3} skipped' -f $count.Suite, $count.Passed, $count.Failed, $count.Skipped) }
    $noneRan = $passed + $failed + $skipped -eq 0
    if ($noneRan) { Write-Warning 'No test ran.' }
    if ($script:failures) {
        Write-Host ''
        Write-Host 'Failed:'
        foreach ($failure in $script:failures) { Write-Host "  $failure" }
    }
    Write-Host "Tests: $passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0 -or $noneRan) { exit 1 }
}

if ($Task -contains 'Mutate') {
    Invoke-Dotnet tool restore
    $report = Join-Path $OutputPath 'mutation'
    # Every partition config of every test project; the project a config mutates is its layer.
    $partitions = @(Get-ChildItem -Path (Join-Path $PSScriptRoot 'tests/*/stryker-*.json') -File | Sort-Object Name | ForEach-Object {
            $config = (Get-Content -LiteralPath $_.FullName -Raw | ConvertFrom-Json).'stryker-config'
            [pscustomobject]@{ Name = $_.BaseName -replace '^stryker-'; File = $_; Layer = [IO.Path]::GetFileNameWithoutExtension($config.project) }
        })
    $names = @($partitions.Name)
    $duplicate = $names | Group-Object | Where-Object Count -GT 1 | Select-Object -First 1
    if ($duplicate) { throw "Two partition configs are named stryker-$($duplicate.Name).json: each partition needs its own name." }
    $chosen = @($MutationPartition | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })
    foreach ($name in $chosen) { if ($names -notcontains $name -and $name -ne 'none') { throw "Unknown mutation partition '$name'. Partitions: $($names -join ', ') (or none)." } }
    if (-not $chosen) { $chosen = $names }
    foreach ($partition in $partitions | Where-Object { $chosen -contains $_.Name }) {
        $name = $partition.Name
        $output = New-EmptyFolder (Join-Path $report $name)
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        Write-Host "Mutation partition '$name' ($($partition.File.Directory.Name)/$($partition.File.Name), mutates $($partition.Layer)), started $([DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm')) UTC"
        # Stryker finds the project under test from the test project's folder; the config names the rest.
        Push-Location $partition.File.DirectoryName
        try {
            & dotnet dotnet-stryker --config-file $partition.File.Name --concurrency ([Environment]::ProcessorCount) --output $output | Out-Host
            if ($LASTEXITCODE -ne 0) { throw "Stryker failed on partition '$name' (exit code $LASTEXITCODE). Report: $output" }
        }
        finally {
            Pop-Location
        }
        $load = if (Test-Path -LiteralPath /proc/loadavg) { ', load average at the end ' + (((Get-Content -LiteralPath /proc/loadavg -Raw) -split ' ' | Select-Object -First 3) -join ' ') }
        Set-Content -LiteralPath (Join-Path $output 'run.txt') -Encoding utf8 -Value ('commit {0}, took {1:hh\:mm\:ss}, ended {2:yyyy-MM-dd HH:mm} UTC{3}' -f (git -C $PSScriptRoot rev-parse --short HEAD), $clock.Elapsed, [DateTime]::UtcNow, $load)
    }

    # The scores combine the latest report of every partition, each with the commit and time of its run.
    $counts = @(foreach ($partition in $partitions) {
            $json = Join-Path $report "$($partition.Name)/reports/mutation-report.json"
            if (Test-Path -LiteralPath $json) { Get-MutationCount $partition.Name $partition.Layer $json (Get-Content -LiteralPath (Join-Path $report "$($partition.Name)/run.txt") -Raw -ErrorAction Ignore) }
            else { Write-Warning "Partition '$($partition.Name)' has no report yet: run build.ps1 -Task Mutate -MutationPartition $($partition.Name)." }
        })
    $layers = @($counts | Group-Object Layer | Sort-Object Name | ForEach-Object { Join-MutationCount $_.Name $_.Group })
    Write-MutationSummary $counts $layers (Join-Path $report 'summary.md')
    if ($counts.Count -lt $names.Count) { throw 'The scores are incomplete: a partition has no report.' }
    $low = @($layers | Where-Object { (Get-MutationScore $_) -lt $mutationBreak })
    if ($low) { throw ('Mutation score under {0}%: {1}. Survivors are listed in {2}.' -f $mutationBreak, (($low | ForEach-Object { '{0} {1:0.00}%' -f $_.Layer, (Get-MutationScore $_) }) -join ', '), (Join-Path $report 'summary.md')) }
    Write-Host "Mutation reports in $report"
}

if ($Task -contains 'Package') {
    Assert-PSResourceGet
    $folder = New-EmptyFolder (Get-PackageFolder)

    # Only what ships: the manifest, formats and types, assemblies (no symbols), help.
    $ships = '.psd1', '.ps1xml', '.dll', '.xml', '.txt'
    foreach ($file in Get-ChildItem -LiteralPath $builtModule -File -Recurse) {
        if ($ships -notcontains $file.Extension.ToLowerInvariant()) { continue }
        $relative = $file.FullName.Substring($builtModule.Length).TrimStart('\', '/')
        $target = Join-Path $folder $relative
        $null = New-Item -ItemType Directory -Path (Split-Path -Parent $target) -Force
        Copy-Item -LiteralPath $file.FullName -Destination $target
    }

    # Compress-PSResource writes <Name>.<Version>.nupkg, the nupkg Publish-PSResource would send.
    $nupkg = Join-Path $OutputPath "Alpharun.$((Get-BuiltManifest).ModuleVersion).nupkg"
    if (Test-Path -LiteralPath $nupkg) { Remove-Item -LiteralPath $nupkg -Force }
    $written = Compress-PSResource -Path $folder -DestinationPath $OutputPath -PassThru
    Write-Host "Packaged $folder and $($written.FullName)"
}

if ($Task -contains 'Publish') {
    if (-not $env:PSGALLERY_API_KEY) { throw 'Set $env:PSGALLERY_API_KEY to your PowerShell Gallery API key to publish.' }
    Assert-PSResourceGet
    $folder = Get-PackageFolder
    if (-not (Test-Path -LiteralPath $folder)) { throw "Nothing packaged at $folder. Run ./build.ps1 -Task Package first." }
    Publish-PSResource -Path $folder -Repository $Repository -ApiKey $env:PSGALLERY_API_KEY
    Write-Host "Published $folder to $Repository"
}
