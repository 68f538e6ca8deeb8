<#
.SYNOPSIS
    The sandbox API in a pwsh process of its own, for the measuring scripts beside it: imports -Module, starts the
    sandbox with -Key, prints its base URI on one line and serves until the measuring script closes stdin.
#>
param([string] $Module, [string] $Key)
$ErrorActionPreference = 'Stop'
Import-Module -Name $Module
$sandbox = Start-AlpharunSandbox -ApiKey (ConvertTo-SecureString $Key -AsPlainText -Force)
[Console]::Out.WriteLine($sandbox.BaseUri.AbsoluteUri)
[Console]::Out.Flush()
while ($null -ne [Console]::In.ReadLine()) { }
