# What the measuring scripts here share (dot-sourced by each).

# A fresh pwsh like the one running the script, without a launcher process in between ('dotnet pwsh.dll' when this
# one was started that way).
$pwshExe = [Environment]::ProcessPath
$pwshArgs = @(if ([IO.Path]::GetFileNameWithoutExtension($pwshExe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })

# -Module's name=path pairs (comma-separated or as an array, as 'pwsh -File' passes them) as an ordered name -> path
# map; with -Resolve each path must be a file and is made absolute (ImportCost also takes module names).
function ConvertFrom-NamedPaths([string[]] $Pairs, [switch] $Resolve) {
    $map = [ordered]@{}
    foreach ($pair in $Pairs -split ',') {
        $name, $path = $pair -split '=', 2
        if (-not $path) { throw "'$pair' is not name=path." }
        $map[$name.Trim()] = if ($Resolve) { (Resolve-Path -LiteralPath $path.Trim()).Path } else { $path.Trim() }
    }
    $map
}

function Get-Median([double[]] $Values) {
    $sorted = [double[]]($Values | Sort-Object)
    if ($sorted.Count % 2) { $sorted[($sorted.Count - 1) / 2] } else { ($sorted[$sorted.Count / 2 - 1] + $sorted[$sorted.Count / 2]) / 2 }
}

# The sandbox API in a pwsh process of its own (SandboxServer.ps1), from -Module with -Key. Its first line of output is
# the base URI; it serves until Stop-PerfSandbox closes its stdin.
function Start-PerfSandbox([string] $Module, [string] $Key) {
    $start = [Diagnostics.ProcessStartInfo]::new($pwshExe)
    foreach ($argument in @($pwshArgs) + @('-NoProfile', '-File', (Join-Path $PSScriptRoot 'SandboxServer.ps1'), '-Module', $Module, '-Key', $Key)) { $start.ArgumentList.Add($argument) }
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    [Diagnostics.Process]::Start($start)
}

function Stop-PerfSandbox([Diagnostics.Process] $Server) {
    $Server.StandardInput.Close()
    if (-not $Server.WaitForExit(10000)) { $Server.Kill() }
}
