import torch
from torch import nn

# Four samples, three classes: raw scores (logits) and the true class of each sample.
logits = torch.tensor(
    [[2.0, -1.0, 0.5], [0.1, 0.2, 3.0], [-2.0, 1.5, 0.3], [1.0, 1.0, 1.0]]
)
labels = torch.tensor([0, 2, 1, 2])
one_hot = nn.functional.one_hot(labels, 3).float()

# CrossEntropyLoss expects logits (it applies log-softmax itself) and takes the
# prediction first, the target second. The target may be class indices or class
# probabilities.
loss_fn = nn.CrossEntropyLoss()
loss = loss_fn(logits, labels)
loss_one_hot = loss_fn(logits, one_hot)
per_sample = nn.CrossEntropyLoss(reduction="none")(logits, labels)
print(f"default reduction: {loss_fn.reduction}")
print(f"loss: {loss:.6f}, with one-hot targets: {loss_one_hot:.6f}")
print(f"per sample: {per_sample.numpy().round(4)}")
# proof: default-reduction
assert loss_fn.reduction == "mean" and torch.isclose(loss, per_sample.mean())
# It applies log-softmax itself: the loss is minus the log-softmax of the true class.
# proof: log-softmax
assert torch.allclose(per_sample, -logits.log_softmax(dim=1)[torch.arange(4), labels])
assert torch.isclose(loss_one_hot, loss)  # proof: one-hot

# Feeding probabilities (softmax already applied) gives a wrong number, silently.
probabilities = logits.softmax(dim=1)
double_softmax = loss_fn(probabilities, labels)
print(f"probabilities passed as logits: {double_softmax:.6f}")
# It is the cross-entropy of a second softmax, applied to the probabilities.
twice = -probabilities.log_softmax(dim=1)[torch.arange(4), labels].mean()
# proof: double-softmax
assert torch.isclose(double_softmax, twice) and not torch.isclose(double_softmax, loss)

# Class weights: with class indices, the weighted mean divides by the sum of the weights
# of the targets; with probability (one-hot) targets, by the batch size.
class_weight = torch.tensor([1.0, 2.0, 3.0])
weighted = nn.CrossEntropyLoss(weight=class_weight)(logits, labels)
weighted_one_hot = nn.CrossEntropyLoss(weight=class_weight)(logits, one_hot)
w = class_weight[labels]
by_weights = ((w * per_sample).sum() / w.sum()).item()
by_batch = ((w * per_sample).sum() / len(labels)).item()
print(f"weighted: {weighted:.6f}, with one-hot targets: {weighted_one_hot:.6f}")
print(f"weighted sum / sum of weights: {by_weights:.6f}, / batch size: {by_batch:.6f}")
assert abs(weighted - by_weights) < 1e-6 < abs(weighted - by_batch)  # proof: weighted
# proof: weighted-one-hot
assert abs(weighted_one_hot - by_batch) < 1e-6 < abs(weighted_one_hot - by_weights)
