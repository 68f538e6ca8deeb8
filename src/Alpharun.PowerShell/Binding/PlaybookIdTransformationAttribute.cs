using System;
using System.Management.Automation;

namespace Alpharun.Commands
{
    /// <summary>
    /// Binds -PlaybookId so that a bad value is an error, never a silent "no playbook": for a parameter bound by
    /// property name, PowerShell's own failed Guid conversion leaves it unbound and the row would upload with
    /// routing rules choosing. A blank CSV cell means "not given".
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class PlaybookIdTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case null:
                    return null;
                case Guid _:
                    return value;
                case string text when text.Trim().Length == 0:
                    return null;
                case string text when Guid.TryParse(text.Trim(), out Guid parsed):
                    return parsed;
                case string text:
                    throw new ArgumentTransformationMetadataException(
                        $"playbook_id '{text}' is not a uuid. Pass the id of a playbook (e.g. 3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6b), or leave it out to use routing rules.");
                default:
                    return value;
            }
        }
    }
}
