<#
.SYNOPSIS
    Builds, tests, packages and publishes the Alpharun module.
.DESCRIPTION
    Build:   dotnet build Alpharun.sln, which lays out the importable module in out/module/Alpharun.
    Test:    the xunit suite (the core, and the module hosted in the PowerShell 7.6 engine), then the Pester
             tests in tests/pester when Pester 5 is installed.
    Package: lays out the module exactly as the PowerShell Gallery installs it, <OutputPath>/Alpharun/<version>/
             with only what ships, and writes <OutputPath>/Alpharun.<version>.nupkg.
    Publish: Publish-PSResource of the packaged folder to the PowerShell Gallery, with the key from
             $env:PSGALLERY_API_KEY.
    The version comes from one place: AlpharunVersion in Directory.Build.props, stamped into the built manifest.
.EXAMPLE
    ./build.ps1 -Task Build, Test
.EXAMPLE
    ./build.ps1 -Task Package
.EXAMPLE
    $env:PSGALLERY_API_KEY = '...'; ./build.ps1 -Task Build, Package, Publish
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Publish')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Where Package writes Alpharun/<version>/ and the .nupkg.
    [string] $OutputPath = (Join-Path $PSScriptRoot 'out'),

    # The repository Publish sends to.
    [string] $Repository = 'PSGallery'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$solution = Join-Path $PSScriptRoot 'Alpharun.sln'
$builtModule = Join-Path $PSScriptRoot 'out/module/Alpharun'

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

function New-Nuspec([hashtable] $Manifest) {
    $data = $Manifest.PrivateData.PSData
    $tags = @('PSModule') + @($data.Tags) + @($Manifest.CmdletsToExport | ForEach-Object { "PSCmdlet_$_"; "PSCommand_$_" }) + @('PSIncludes_Cmdlet')
    $escape = { param($text) [System.Security.SecurityElement]::Escape([string] $text) }
    @"
<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd">
  <metadata>
    <id>Alpharun</id>
    <version>$($Manifest.ModuleVersion)</version>
    <authors>$(& $escape $Manifest.Author)</authors>
    <owners>$(& $escape $Manifest.CompanyName)</owners>
    <description>$(& $escape $Manifest.Description)</description>
    <releaseNotes>$(& $escape $data.ReleaseNotes)</releaseNotes>
    <copyright>$(& $escape $Manifest.Copyright)</copyright>
    <projectUrl>$(& $escape $data.ProjectUri)</projectUrl>
    <licenseUrl>$(& $escape $data.LicenseUri)</licenseUrl>
    <tags>$(& $escape ($tags -join ' '))</tags>
  </metadata>
</package>
"@
}

if ($Task -contains 'Build') {
    Invoke-Dotnet build $solution --configuration $Configuration
    Write-Host "Module laid out in $builtModule"
}

if ($Task -contains 'Test') {
    Invoke-Dotnet test $solution --configuration $Configuration
    if (Get-Module -ListAvailable -Name Pester | Where-Object Version -ge '5.0.0') {
        $result = Invoke-Pester -Path (Join-Path $PSScriptRoot 'tests/pester') -PassThru
        if ($result.FailedCount -gt 0) { throw "$($result.FailedCount) Pester test(s) failed." }
    }
    else {
        Write-Warning 'Pester 5 is not installed: the Pester tests in tests/pester were skipped (Install-Module Pester).'
    }
}

if ($Task -contains 'Package') {
    $manifest = Get-BuiltManifest
    $folder = Get-PackageFolder
    if (Test-Path -LiteralPath $folder) { Remove-Item -LiteralPath $folder -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $folder -Force

    # Only what ships: the manifest, formats and types, assemblies (no symbols), help.
    $ships = '.psd1', '.ps1xml', '.dll', '.xml', '.txt'
    foreach ($file in Get-ChildItem -LiteralPath $builtModule -File -Recurse) {
        if ($ships -notcontains $file.Extension.ToLowerInvariant()) { continue }
        $relative = $file.FullName.Substring($builtModule.Length).TrimStart('\', '/')
        $target = Join-Path $folder $relative
        $null = New-Item -ItemType Directory -Path (Split-Path -Parent $target) -Force
        Copy-Item -LiteralPath $file.FullName -Destination $target
    }

    $nupkg = Join-Path $OutputPath "Alpharun.$($manifest.ModuleVersion).nupkg"
    if (Test-Path -LiteralPath $nupkg) { Remove-Item -LiteralPath $nupkg -Force }
    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
    $zip = [System.IO.Compression.ZipFile]::Open($nupkg, [System.IO.Compression.ZipArchiveMode]::Create)
    try {
        $entry = $zip.CreateEntry('Alpharun.nuspec')
        $writer = [System.IO.StreamWriter]::new($entry.Open(), [System.Text.UTF8Encoding]::new($false))
        try { $writer.Write((New-Nuspec $manifest)) } finally { $writer.Dispose() }
        foreach ($file in Get-ChildItem -LiteralPath $folder -File -Recurse) {
            $name = $file.FullName.Substring($folder.Length).TrimStart('\', '/').Replace('\', '/')
            $null = [System.IO.Compression.ZipFileExtensions]::CreateEntryFromFile($zip, $file.FullName, $name)
        }
    }
    finally {
        $zip.Dispose()
    }
    Write-Host "Packaged $folder and $nupkg"
}

if ($Task -contains 'Publish') {
    if (-not $env:PSGALLERY_API_KEY) { throw 'Set $env:PSGALLERY_API_KEY to your PowerShell Gallery API key to publish.' }
    if (-not (Get-Command Publish-PSResource -ErrorAction Ignore)) { throw 'Publish needs Microsoft.PowerShell.PSResourceGet (Install-Module Microsoft.PowerShell.PSResourceGet).' }
    $folder = Get-PackageFolder
    if (-not (Test-Path -LiteralPath $folder)) { throw "Nothing packaged at $folder. Run ./build.ps1 -Task Package first." }
    Publish-PSResource -Path $folder -Repository $Repository -ApiKey $env:PSGALLERY_API_KEY
}
