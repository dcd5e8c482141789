using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatBilling.Core.People;

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> e)
    {
        e.Property(s => s.Id).HasMaxLength(SignInSession.MaxIdLength);
        e.Property(s => s.Email).HasMaxLength(FieldLengths.Email);
        e.HasIndex(s => s.ExpiresAt);
    }
}
