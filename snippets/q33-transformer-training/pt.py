import torch
from torch import nn

torch.manual_seed(0)
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)

# Toy task: read 8 digits and output them in reverse order.
vocab, length, d_model, heads, d_ff = 10, 8, 32, 4, 64
batch_size, steps = 64, 300


class Reverser(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(vocab, d_model)
        # Attention ignores order, so each position gets a learned position vector.
        self.position = nn.Parameter(torch.randn(length, d_model) * 0.1)
        self.encoder = nn.TransformerEncoderLayer(
            d_model, heads, d_ff, dropout=0.0, batch_first=True
        )
        self.head = nn.Linear(d_model, vocab)

    def forward(self, tokens):
        return self.head(self.encoder(self.embed(tokens) + self.position))


model = Reverser().to(device)
n_params = sum(p.numel() for p in model.parameters())
print(f"parameters: {n_params}")
optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
loss_fn = nn.CrossEntropyLoss()

history = {"step": [], "loss": []}
for step in range(steps):
    tokens = torch.randint(vocab, (batch_size, length)).to(device)
    logits = model(tokens)
    # CrossEntropyLoss wants the classes on axis 1: (batch, vocab, length).
    loss = loss_fn(logits.transpose(1, 2), tokens.flip(1))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if step % 25 == 0 or step == steps - 1:
        history["step"].append(step)
        history["loss"].append(loss.item())
        print(f"step {step:3d}  loss {loss.item():.3f}")

tokens = torch.randint(vocab, (256, length)).to(device)
with torch.no_grad():
    accuracy = (model(tokens).argmax(-1) == tokens.flip(1)).float().mean().item()
print(f"accuracy on new sequences: {accuracy:.3f} (chance: {1 / vocab:.3f})")
assert history["loss"][-1] < 0.5 * history["loss"][0]  # proof: loss-halves
assert accuracy > 0.5  # proof: beats-chance
