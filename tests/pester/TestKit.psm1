# Shared helpers of the Pester suite: the module under test, scratch folders, recordings and child pwsh processes.
# Every *.Tests.ps1 file starts with:  BeforeAll { Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force; Import-AlpharunUnderTest }

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:ModuleRoot = Join-Path $script:RepoRoot 'out/module'

function Get-RepoRoot { $script:RepoRoot }

# The folder that holds the built Alpharun/ module folder (put it on PSModulePath to import by name).
function Get-BuiltModuleRoot { $script:ModuleRoot }

function Import-AlpharunUnderTest {
    $manifest = Join-Path $script:ModuleRoot 'Alpharun/Alpharun.psd1'
    if (-not (Test-Path -LiteralPath $manifest)) { throw "No built module at $manifest. Run ./build.ps1 -Task Build first." }
    Import-Module $manifest -Force -Global -ErrorAction Stop
}

function New-TestFolder {
    $path = Join-Path ([IO.Path]::GetTempPath()) ('alpharun-pester-' + [guid]::NewGuid().ToString('N'))
    (New-Item -ItemType Directory -Path $path).FullName
}

# A file of random bytes: every call gives different audio, so two recordings never collide in the sandbox
# (it answers AlreadyExisted for the same bytes, teammate and recorded_at).
function New-FakeRecording {
    param(
        [Parameter(Mandatory)] [string] $Folder,
        [Parameter(Mandatory)] [string] $Name,
        [int] $Length = 2048
    )
    $bytes = [byte[]]::new($Length)
    if ($Length -gt 0) { [Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($bytes) }
    $path = Join-Path $Folder $Name
    $null = New-Item -ItemType Directory -Path (Split-Path -Parent $path) -Force
    [IO.File]::WriteAllBytes($path, $bytes)
    $path
}

# A PCM WAV (16-bit mono) of exactly -Frames samples at -SampleRate, with random samples so each call is a new
# recording; -BextDate 'yyyy-MM-dd HH:mm:ss' adds a BWF bext chunk with that origination date and time.
function New-TestWav {
    param(
        [Parameter(Mandatory)] [string] $Folder,
        [Parameter(Mandatory)] [string] $Name,
        [int] $Frames = 8000,
        [int] $SampleRate = 8000,
        [string] $BextDate
    )
    $stream = [IO.MemoryStream]::new()
    $w = [IO.BinaryWriter]::new($stream)
    $ascii = [Text.Encoding]::ASCII
    $data = [byte[]]::new($Frames * 2)
    [Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($data)
    $w.Write($ascii.GetBytes('RIFF')); $w.Write([uint32]0); $w.Write($ascii.GetBytes('WAVE'))
    $w.Write($ascii.GetBytes('fmt ')); $w.Write([uint32]16); $w.Write([uint16]1); $w.Write([uint16]1)
    $w.Write([uint32]$SampleRate); $w.Write([uint32]($SampleRate * 2)); $w.Write([uint16]2); $w.Write([uint16]16)
    if ($BextDate) {
        $bext = [byte[]]::new(602)
        $ascii.GetBytes($BextDate.Substring(0, 10)).CopyTo($bext, 320)
        $ascii.GetBytes($BextDate.Substring(11, 8)).CopyTo($bext, 330)
        $w.Write($ascii.GetBytes('bext')); $w.Write([uint32]602); $w.Write($bext)
    }
    $w.Write($ascii.GetBytes('data')); $w.Write([uint32]$data.Length); $w.Write($data)
    $w.Flush()
    $bytes = $stream.ToArray()
    [BitConverter]::GetBytes([uint32]($bytes.Length - 8)).CopyTo($bytes, 4)
    $path = Join-Path $Folder $Name
    [IO.File]::WriteAllBytes($path, $bytes)
    $path
}

# The committed real recordings of each container (tests/Alpharun.Client.Tests/Audio/Samples, see its README).
function Get-AudioSample([Parameter(Mandatory)] [string] $Name) {
    Join-Path $script:RepoRoot "tests/Alpharun.Client.Tests/Audio/Samples/$Name"
}

# The command line that starts this same pwsh: pwsh(.exe) itself, 'dotnet pwsh.dll' for the .NET tool, or
# powershell.exe under Windows PowerShell 5.1 (whose .NET Framework has no Environment.ProcessPath).
function Get-PwshCommandLine {
    $process = [Environment]::ProcessPath
    if (-not $process) { $process = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName }
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        return @($process, (Join-Path $PSHOME 'pwsh.dll'))
    }
    @($process)
}

# One argument quoted as the Windows C runtime splits a command line (backslashes double only before a quote).
function ConvertTo-CommandLineArgument([string] $Value) {
    if ($Value -and $Value -notmatch '[\s"]') { return $Value }
    '"' + ($Value -replace '(\\*)"', '$1$1\"' -replace '(\\+)$', '$1$1') + '"'
}

# How to start 'pwsh -File script.ps1' (this same PowerShell) with the built module on PSModulePath, so the script
# can say 'Import-Module Alpharun'. -Environment sets variables of the child last (a $null value removes one, e.g.
# PSModulePath for pwsh's default). Standard output and error are redirected; standard input too with -Interactive.
function New-PwshStartInfo {
    param(
        [Parameter(Mandatory)] [string] $Path,
        [string[]] $ArgumentList = @(),
        [string] $WorkingDirectory = (Get-Location).ProviderPath,
        [int] $Columns = 120,
        # The child may prompt (answers come on its standard input); otherwise a prompt fails rather than waits.
        [switch] $Interactive,
        [hashtable] $Environment = @{}
    )
    $commandLine = Get-PwshCommandLine
    $start = [Diagnostics.ProcessStartInfo]::new($commandLine[0])
    $interaction = if ($Interactive) { @() } else { @('-NonInteractive') }
    $arguments = @($commandLine | Select-Object -Skip 1) + @('-NoProfile') + $interaction + @('-File', $Path) + $ArgumentList
    if ($start.PSObject.Properties['ArgumentList']) {
        foreach ($argument in $arguments) { $start.ArgumentList.Add($argument) }
    }
    else {
        # .NET Framework (Windows PowerShell 5.1) has only the one command-line string.
        $start.Arguments = ($arguments | ForEach-Object { ConvertTo-CommandLineArgument $_ }) -join ' '
    }
    $start.WorkingDirectory = $WorkingDirectory
    $start.RedirectStandardInput = [bool] $Interactive
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $start.Environment['PSModulePath'] = $script:ModuleRoot + [IO.Path]::PathSeparator + $env:PSModulePath
    $start.Environment['COLUMNS'] = [string] $Columns
    $start.Environment['NO_COLOR'] = '1'
    $start.Environment['TERM'] = 'dumb'
    foreach ($name in $Environment.Keys) {
        if ($null -eq $Environment[$name]) { $null = $start.Environment.Remove($name) } else { $start.Environment[$name] = [string] $Environment[$name] }
    }
    $start
}

# Runs a script in a new pwsh process, as a user runs 'pwsh -File script.ps1' (New-PwshStartInfo). Returns the exit
# code and both output streams.
function Invoke-PwshFile {
    param(
        [Parameter(Mandatory)] [string] $Path,
        [string[]] $ArgumentList = @(),
        [string] $WorkingDirectory = (Get-Location).ProviderPath,
        [int] $Columns = 120,
        # Typed at the child's prompts (Confirm, Read-Host), one answer a line.
        [string[]] $InputLines,
        [hashtable] $Environment = @{}
    )
    $start = New-PwshStartInfo -Path $Path -ArgumentList $ArgumentList -WorkingDirectory $WorkingDirectory -Columns $Columns -Interactive:([bool] $InputLines) -Environment $Environment
    # Standard input is always given and closed: a child that reads it gets the answers, or the end at once.
    $start.RedirectStandardInput = $true
    $process = [Diagnostics.Process]::Start($start)
    foreach ($line in $InputLines) { $process.StandardInput.WriteLine($line) }
    $process.StandardInput.Close()
    $stderr = $process.StandardError.ReadToEndAsync()
    $stdout = $process.StandardOutput.ReadToEnd()
    $process.WaitForExit()
    [pscustomobject]@{
        ExitCode = $process.ExitCode
        Output   = $stdout
        Error    = $stderr.Result
        Lines    = @($stdout -split '\r?\n')
    }
}

Export-ModuleMember -Function Get-RepoRoot, Get-BuiltModuleRoot, Import-AlpharunUnderTest, New-TestFolder, New-FakeRecording, New-TestWav, Get-AudioSample, Get-PwshCommandLine, New-PwshStartInfo, Invoke-PwshFile
