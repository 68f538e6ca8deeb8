<#
.SYNOPSIS
    Uploads every audio file under a folder (recursively) for one teammate and contact.
.EXAMPLE
    ./UploadFolder.ps1 -Folder \\fileserver\calls\2024-05 -Teammate ana@acme.com -Contact bob@client.com -WhatIf
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)] [string] $Folder,
    [Parameter(Mandatory)] [string] $Teammate,
    [Parameter(Mandatory)] [object[]] $Contact,
    [guid] $PlaybookId
)

Import-Module Alpharun -ErrorAction Stop

# The extensions the module knows an audio type for.
$audio = '.wav', '.mp3', '.m4a', '.mp4', '.ogg', '.oga', '.opus', '.webm', '.flac', '.aac', '.aif', '.aiff', '.aifc', '.au', '.snd', '.amr', '.awb', '.wma', '.caf', '.w64', '.gsm'
$send = @{ Teammate = $Teammate; Contact = $Contact }
if ($PSBoundParameters.ContainsKey('PlaybookId')) { $send.PlaybookId = $PlaybookId }

Get-ChildItem -LiteralPath $Folder -File -Recurse |
    Where-Object { $audio -contains $_.Extension.ToLowerInvariant() } |
    Send-AlpharunRecording @send -WhatIf:$WhatIfPreference
